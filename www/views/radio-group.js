// A fieldset of radio buttons, one per value, with a legend and a word beside each (set by the
// caller in its language): the one way a view offers "show this or that".

let groups = 0;

// values: the choices; checked: the one chosen first; testid(value): each radio's test id;
// onChange(value): the learner chose another. → { root (the fieldset), legend, radios: { value:
// { radio, text } } }.
export function radioGroup(doc, { className, values, checked, testid, onChange }) {
  const root = doc.createElement('fieldset');
  root.className = className;
  const legend = doc.createElement('legend');
  root.append(legend);
  const name = `radio-group-${(groups += 1)}`; // one group per view on the page
  const radios = {};
  for (const value of values) {
    const label = doc.createElement('label');
    const radio = doc.createElement('input');
    radio.type = 'radio';
    radio.name = name;
    radio.value = value;
    radio.checked = value === checked;
    radio.dataset.testid = testid(value);
    radio.addEventListener('change', () => onChange(value));
    const text = doc.createElement('span');
    label.append(radio, text);
    radios[value] = { radio, text };
    root.append(label);
  }
  return { root, legend, radios };
}
