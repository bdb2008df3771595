// An entity picker with suggestions from the search API, following the ARIA
// combobox pattern: arrows move through the suggestions, Enter chooses,
// Escape closes.
import { search } from './api.js';
import { h } from './dom.js';
import { kindBadge } from './kinds.js';

const DELAY_MS = 150;

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Search results with exact name matches first: the API may rank "Hytera body cameras" above "Hytera". */
function exactFirst(items, text) {
  const t = fold(text);
  return items.map((item, i) => [fold(item.name) === t ? 0 : 1, i, item]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , item]) => item);
}

/**
 * Turns an input and an empty list into a combobox. onChoose gets the chosen
 * entity ({ id, name, kind }); onError gets a failed search.
 */
export function combobox(input, list, { onChoose, onError }) {
  let items = [];
  let anyWord = false;
  let active = -1;
  let timer = 0;
  let seq = 0;
  let chosen = null;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('autocomplete', 'off');
  list.setAttribute('role', 'listbox');
  list.hidden = true;

  function render() {
    list.replaceChildren(
      ...items.map((item, i) =>
        h(
          'li',
          { id: `${list.id}-${i}`, role: 'option', 'aria-selected': String(i === active), onMousedown: (e) => e.preventDefault(), onClick: () => choose(i) },
          h('span', { class: 'option-name' }, item.name),
          h('span', { class: 'option-meta' }, kindBadge(item.kind), item.country ? ` · ${item.country.name}` : ''),
        ),
      ),
      // Last, so that the options keep their positions among the children.
      ...(anyWord && items.length > 0 ? [h('li', { role: 'presentation', class: 'option-note' }, 'No entity matches all the words; these match some.')] : []),
    );
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
      list.children[active].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function close() {
    seq++; // a search still under way must not reopen the list
    items = [];
    anyWord = false;
    active = -1;
    render();
  }

  async function suggest() {
    const text = input.value.trim();
    if (text.length < 2) return close();
    const mine = ++seq;
    try {
      const found = await search(text);
      if (mine !== seq) return;
      items = exactFirst(found.entities, text);
      anyWord = found.anyWord;
      active = -1;
      render();
    } catch (err) {
      if (mine === seq) onError(err);
    }
  }

  function choose(i) {
    const item = items[i];
    if (!item) return;
    set(item);
    close();
    onChoose(item);
  }

  function set(item) {
    chosen = item;
    input.value = item ? item.name : '';
  }

  input.addEventListener('input', () => {
    chosen = null;
    clearTimeout(timer);
    timer = setTimeout(suggest, DELAY_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (items.length === 0) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + items.length) % items.length;
      render();
    } else if (e.key === 'Enter') {
      if (items.length === 0) return;
      e.preventDefault();
      choose(Math.max(active, 0));
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });
  input.addEventListener('blur', close);

  return {
    /** The chosen entity, or null while the text was typed and not chosen. */
    get value() {
      return chosen;
    },
    set,
  };
}
