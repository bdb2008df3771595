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
	files, err := collectFiles(paths, isSeedFile)
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

// collectFiles lists the files among paths, and in directories under them,
// that match.
func collectFiles(paths []string, match func(string) bool) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			if match(p) {
				files = append(files, p)
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && match(path) {
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

// IsInput reports whether a file is a seed or bulk file by its name.
func IsInput(name string) bool { return isSeedFile(name) || isBulkFile(name) }
