// The controls of the config's number and choice fields, made from the core's schema (the field
// table, settings/fields.js): a number input or slider with the field's range, or a menu of its
// values, labelled by the field's name through i18n. The markup only says where a field goes and
// how it looks (a placeholder `<div data-control-for="noise" data-look="range" data-step="1">`);
// a field without a placeholder gets a number input or a menu at `[data-controls-rest]`, so a new
// field of the core needs no edit here. Fields whose control is written in the markup (the
// dataset menu: an element with the field's id) and structured fields (features, layers) are
// left to their own controls.

const GENERATED_TYPES = ['int', 'number', 'enum'];

// Builds the controls of every such field of `fields` in `root` (before any translation runs).
export function buildFieldControls(root, fields) {
  const doc = root.ownerDocument ?? root;
  const rest = root.querySelector('[data-controls-rest]');
  const pageModes = [...new Set(fields.datasets.map((d) => d.mode))];
  for (const field of fields.configFields) {
    if (!GENERATED_TYPES.includes(field.type) || root.getElementById(field.name)) continue;
    const place = root.querySelector(`[data-control-for="${field.name}"]`);
    const look = place?.dataset ?? {};
    const label = fieldLabel(doc, field, look);
    const modes = field.modes.filter((m) => pageModes.includes(m));
    const only = look.only ?? (modes.length === 1 ? modes[0] : undefined);
    if (only) label.dataset.only = only;
    const parts = [label];
    if (![...root.querySelectorAll('[data-error-for]')].some((el) => el.dataset.errorFor.split(' ').includes(field.name))) {
      const error = doc.createElement('p');
      error.className = 'field-error';
      error.dataset.errorFor = field.name;
      error.dataset.nkControl = field.name;
      if (only) error.dataset.only = only;
      parts.push(error);
    }
    if (place) place.replaceWith(...parts);
    else rest?.before(...parts);
  }
  rest?.remove();
}

// <label class="field"><span data-i18n=name>name</span> [<output>] <input|select id=name></label>
function fieldLabel(doc, field, look) {
  const label = doc.createElement('label');
  label.className = 'field';
  label.htmlFor = field.name;
  label.id = `${field.name}-field`;
  label.dataset.nkControl = field.name;
  const text = doc.createElement('span');
  text.dataset.i18n = field.name;
  text.textContent = field.name;
  label.append(text);
  if (field.type === 'enum') {
    label.append(' ', menu(doc, field, look.options ?? field.name));
    return label;
  }
  const input = doc.createElement('input');
  input.id = field.name;
  input.dataset.field = field.name;
  input.type = look.look === 'range' ? 'range' : 'number';
  input.min = String(field.min);
  input.max = String(field.max);
  input.step = look.step ?? (field.type === 'int' ? '1' : 'any');
  if (look.list) input.setAttribute('list', look.list);
  if (input.type === 'number') input.inputMode = field.type === 'int' ? 'numeric' : 'decimal';
  if (input.type === 'range') {
    const output = doc.createElement('output');
    output.htmlFor = field.name;
    output.dataset.shows = field.name;
    label.append(' ', output);
  }
  label.append(' ', input);
  return label;
}

// A menu of the field's values, each named through i18n as `<prefix>.<value>`.
function menu(doc, field, prefix) {
  const select = doc.createElement('select');
  select.id = field.name;
  select.dataset.field = field.name;
  for (const value of field.values) {
    const option = doc.createElement('option');
    option.value = value;
    option.dataset.i18n = `${prefix}.${value}`;
    option.textContent = value;
    select.append(option);
  }
  return select;
}
