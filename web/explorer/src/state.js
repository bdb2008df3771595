// The explorer's view as a URL query, so that a link reopens the same graph:
//   ?expand=hytera,sarajevo-canton-bodycam-purchase-2023   entities whose neighbors are shown
//   &path=huawei,belgrade                                  the path finder's ends
//   &hideKinds=STATE&hideTypes=LOCATED_IN,OWNS             filters
//   &from=2019&to=2023-06                                  date range
//   &layout=tree                                           hierarchical layout (force by default)
//   &select=hytera                                         the entity or relationship in the side panel

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Whether s is a date at year, month or day precision, as the API writes them. */
export const isDate = (s) => typeof s === 'string' && DATE.test(s);

/** Parses a query string (location.search) into a view state. */
export function parseState(search) {
  const params = new URLSearchParams(search);
  const list = (key) => [...new Set((params.get(key) ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
  const date = (key) => (isDate(params.get(key)) ? params.get(key) : '');
  const path = list('path');
  return {
    expand: list('expand'),
    path: path.length === 2 ? { from: path[0], to: path[1] } : null,
    hideKinds: new Set(list('hideKinds')),
    hideTypes: new Set(list('hideTypes')),
    from: date('from'),
    to: date('to'),
    layout: params.get('layout') === 'tree' ? 'tree' : 'force',
    select: params.get('select') ?? '',
  };
}

/** Writes a view state as a query string ("" for the empty view); defaults are left out. */
export function formatState(state) {
  const parts = [];
  const add = (key, values) => {
    if (values.length > 0) parts.push(`${key}=${values.map(encodeURIComponent).join(',')}`);
  };
  add('expand', state.expand);
  add('path', state.path ? [state.path.from, state.path.to] : []);
  add('hideKinds', [...state.hideKinds].sort());
  add('hideTypes', [...state.hideTypes].sort());
  add('from', state.from ? [state.from] : []);
  add('to', state.to ? [state.to] : []);
  add('layout', state.layout === 'tree' ? ['tree'] : []);
  add('select', state.select ? [state.select] : []);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
