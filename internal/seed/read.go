package seed

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Read reads and validates every seed file in paths (files, or directories
// searched recursively) and returns the dataset, or Errors listing every
// problem found.
func Read(paths ...string) (*Dataset, error) {
	files, err := seedFiles(paths)
	if err != nil {
		return nil, err
	}
	c := newCollector()
	for _, f := range files {
		c.readYAML(f)
	}
	return c.dataset()
}

func isSeedFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

func seedFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && isSeedFile(path) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}
