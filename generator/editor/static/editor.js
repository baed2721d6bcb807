// The web editor of `heritage edit`: forms drawn from the record formats (the page's config),
// saved through /admin/api/. Every text from a record reaches the page as text (textContent,
// value), never as markup. A control's data-path counts items from 0 (designations.1.year is the
// second designation's year); what the page shows counts from 1, as `heritage check` does
// (designations[2].year).
"use strict";

const config = JSON.parse(document.getElementById("config").textContent);
const words = config.words;
const $ = (id) => document.getElementById(id);
let current = null; // {collection, id, isNew, data}
let listed = [];
let unsaved = false; // edits not saved yet: leaving the record asks first

function say(key, values) {
  let text = words[key] || key;
  for (const [name, value] of Object.entries(values || {})) text = text.split("{" + name + "}").join(String(value));
  return text;
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "value") node.value = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function shown(path) {
  // As `heritage check` names fields: designations[2].year for the second designation's year.
  return path.map((part, i) => (typeof part === "number" ? "[" + (part + 1) + "]" : (i ? "." : "") + part)).join("");
}

function label(field) {
  return field.label[config.lang] || field.label.en || field.name;
}

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

// ---------------------------------------------------------------- drawing a form

function languagesFor(value) {
  const codes = Object.keys(config.languages);
  for (const code of Object.keys(value || {})) if (!codes.includes(code)) codes.push(code);
  return codes;
}

function control(field, value, path, markdown) {
  const id = "f-" + path.join("-");
  const common = { id, "data-path": path.join("."), name: path.join(".") };
  if (markdown || field.type === "markdown") return el("textarea", { ...common, rows: 8, value: value ?? "" });
  if (field.long) return el("textarea", { ...common, rows: 3, value: value ?? "" });
  if (field.type === "choice") {
    const select = el("select", common, el("option", { value: "" }, "—"));
    for (const choice of field.choices) {
      const name = config.choices[choice];
      select.append(el("option", { value: choice, selected: choice === value }, name ? name + " (" + choice + ")" : choice));
    }
    if (value && !field.choices.includes(value)) select.append(el("option", { value, selected: true }, value));
    return select;
  }
  if (field.type === "integer") return el("input", { ...common, type: "number", step: 1, value: value ?? "" });
  if (field.type === "number") return el("input", { ...common, type: "number", step: "any", value: value ?? "" });
  if (field.type === "date") return el("input", { ...common, type: "date", value: value ?? "" });
  if (field.type === "words" || field.type === "numbers") return el("input", { ...common, type: "text", value: Array.isArray(value) ? value.join(", ") : value ?? "" });
  return el("input", { ...common, type: "text", value: value ?? "" });
}

function renderField(field, value, path) {
  const box = el("div", { class: "field field-" + field.type, "data-path": path.join(".") });
  const heading = el("span", { class: "label" }, label(field), field.required ? el("span", { class: "required", title: say("required") }, " *") : "");
  const key = el("code", { class: "key" }, shown(path));
  if (field.type === "group" || field.type === "groups" || field.type === "localized" || field.type === "coordinates") {
    const set = el("fieldset", {}, el("legend", {}, heading, " ", key));
    const empty = value === undefined || value === null || (typeof value === "object" && !Object.keys(value).length);
    if (!field.required && empty && field.type !== "groups") {
      // An optional field not filled in stays folded: the form shows what the record has.
      const fold = el("details", {}, el("summary", {}, heading, " ", key));
      fold.append(set);
      box.append(fold);
    } else box.append(set);
    if (field.type === "group") renderFields(field.fields, value || {}, path, set);
    if (field.type === "localized") {
      for (const code of languagesFor(value)) {
        const input = control(field, (value || {})[code], path.concat(code), field.markdown);
        set.append(el("div", { class: "language", "data-path": path.concat(code).join(".") },
          el("label", { for: input.id, lang: code }, config.languages[code] || code), input));
      }
    }
    if (field.type === "coordinates") {
      const pair = Array.isArray(value) ? value : [];
      ["latitude", "longitude"].forEach((name, index) => {
        const input = control({ type: "number" }, pair[index], path.concat(index));
        set.append(el("div", { class: "language", "data-path": path.concat(index).join(".") }, el("label", { for: input.id }, say(name)), input));
      });
    }
    if (field.type === "groups") renderItems(field, Array.isArray(value) ? value : [], path, set);
    return box;
  }
  const input = control(field, value, path);
  box.append(el("label", { for: input.id }, heading, " ", key), input);
  return box;
}

function renderItems(field, items, path, set) {
  for (const old of set.querySelectorAll(":scope > .item, :scope > .item-actions")) old.remove();
  items.forEach((item, index) => {
    const box = el("div", { class: "item", "data-index": index });
    renderFields(field.fields, item || {}, path.concat(index), box);
    const remove = el("button", { type: "button", class: "remove" }, say("remove_item"));
    remove.addEventListener("click", () => {
      const now = collectItems(field, set, path);
      now.splice(index, 1);
      renderItems(field, now, path, set);
    });
    box.append(remove);
    set.append(box);
  });
  const actions = el("div", { class: "item-actions" });
  const add = el("button", { type: "button", class: "add" }, say("add_item"));
  add.addEventListener("click", () => renderItems(field, [...collectItems(field, set, path), {}], path, set));
  actions.append(add);
  if (path.length === 1 && path[0] === "images") actions.append(photoInput(field, set, path));
  set.append(actions);
}

function photoInput(field, set, path) {
  const input = el("input", { type: "file", accept: "image/jpeg,image/png,image/webp", id: "photo-upload" });
  const wrap = el("label", { class: "upload", for: "photo-upload" }, say("upload_photo"), " ", input);
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file || !current) return;
    status(say("uploading"));
    const response = await fetch("/admin/api/photos/" + encodeURIComponent(current.id) + "?name=" + encodeURIComponent(file.name), {
      method: "POST", headers: { "X-Heritage-Token": config.token, "Content-Type": "application/octet-stream" }, body: file,
    });
    const answer = await response.json();
    if (!response.ok) { status(answer.error || say("failed")); return; }
    renderItems(field, [...collectItems(field, set, path), { file: answer.file }], path, set);
    status(say("uploaded", { file: answer.file }));
  });
  return wrap;
}

function renderFields(fields, data, path, container) {
  for (const field of fields) container.append(renderField(field, data[field.name], path.concat(field.name)));
}

// ---------------------------------------------------------------- reading a form back

function read(node, field) {
  const text = node.value;
  if (text === "" || text === undefined) return undefined;
  if (field.type === "integer") return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
  if (field.type === "number") return Number.isFinite(Number(text)) ? Number(text) : text;
  if (field.type === "words" || field.type === "numbers") {
    const list = text.split(",").map((word) => word.trim()).filter(Boolean);
    // A list of whole numbers (an event's months): numbers; anything else is sent as typed, for the check to name.
    const read = field.type === "numbers" ? list.map((word) => (/^-?\d+$/.test(word) ? Number(word) : word)) : list;
    return read.length ? read : undefined;
  }
  return text;
}

function box(container, path) {
  return container.querySelector(":scope > .field[data-path=\"" + CSS.escape(path.join(".")) + "\"]");
}

function setOf(node) {
  return node.querySelector(":scope > fieldset, :scope > details > fieldset");
}

function collect(fields, container, path) {
  const out = {};
  for (const field of fields) {
    const here = path.concat(field.name);
    const node = box(container, here);
    if (!node) continue;
    let value;
    if (field.type === "group") value = collect(field.fields, setOf(node), here);
    else if (field.type === "groups") value = collectItems(field, setOf(node), here);
    else if (field.type === "localized") {
      value = {};
      for (const input of setOf(node).querySelectorAll(":scope > .language > [data-path]")) {
        if (input.value.trim() !== "") value[input.dataset.path.split(".").pop()] = input.value;
      }
    } else if (field.type === "coordinates") {
      const inputs = setOf(node).querySelectorAll(":scope > .language > input");
      value = [...inputs].map((input) => read(input, { type: "number" }));
      if (value.every((v) => v === undefined)) value = undefined;
      else value = value.map((v) => (v === undefined ? null : v));
    } else value = read(node.querySelector("[data-path]:not(.field)"), field);
    const empty = value === undefined || (typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length) ||
      (Array.isArray(value) && !value.length);
    if (!empty) out[field.name] = value;
  }
  return out;
}

function collectItems(field, set, path) {
  return [...set.querySelectorAll(":scope > .item")].map((item, index) => collect(field.fields, item, path.concat(index)));
}

// ---------------------------------------------------------------- records

function status(text) {
  $("status").textContent = text;
}

function showProblems(problems) {
  const list = $("problems");
  list.replaceChildren();
  for (const old of document.querySelectorAll(".error")) old.remove();
  for (const old of document.querySelectorAll("[aria-invalid]")) old.removeAttribute("aria-invalid");
  for (const problem of problems) {
    let path = (problem.field || "").replace(/\[(\d+)\]/g, (_, n) => "." + (Number(n) - 1));
    if (problem.lang) path += "." + problem.lang;
    list.append(el("li", { class: problem.warning ? "warning" : "problem" }, el("code", {}, path || "—"), " ", problem.message));
    let parts = path ? path.split(".") : [];
    while (parts.length) {
      const wanted = "[data-path=\"" + CSS.escape(parts.join(".")) + "\"]";
      const target = document.querySelector("#fields :is(input, select, textarea)" + wanted) || document.querySelector("#fields " + wanted);
      if (target) {
        for (let up = target.closest("details"); up; up = up.parentElement.closest("details")) up.open = true;
        const input = target.matches("input, select, textarea") ? target : null;
        if (input) input.setAttribute("aria-invalid", "true");
        const note = el("p", { class: problem.warning ? "error warning" : "error" }, problem.message);
        (input ? input.parentElement : target).append(note);
        break;
      }
      parts = parts.slice(0, -1);
    }
  }
}

function leave() {
  return !unsaved || window.confirm(say("unsaved"));
}

function open(record) {
  current = record;
  unsaved = false;
  const fields = config.collections[record.collection];
  $("fields").replaceChildren();
  renderFields(fields, record.data, [], $("fields"));
  $("record-title").textContent = record.id;
  $("record-path").textContent = record.path || "content/" + record.collection + "/" + record.id + ".yml";
  $("form").hidden = false;
  $("empty").hidden = true;
  showProblems([]);
  $("main").scrollIntoView(); // on a phone the list comes first: go to the form
}

async function load(collection, id) {
  if (!leave()) return;
  const response = await fetch("/admin/api/records/" + encodeURIComponent(collection) + "/" + encodeURIComponent(id));
  const answer = await response.json();
  if (!response.ok) { status(answer.error || say("failed")); return; }
  open({ collection, id, isNew: false, data: answer.data, path: answer.path, version: answer.version });
  status("");
}

async function refreshList() {
  const response = await fetch("/admin/api/records");
  listed = (await response.json()).records;
  drawList();
}

function drawList() {
  const query = fold($("filter").value.trim());
  const list = $("records");
  list.replaceChildren();
  for (const record of listed) {
    if (query && !fold(record.id + " " + record.name).includes(query)) continue;
    const item = el("li", {});
    if (record.ok) {
      const link = el("a", { href: "#" + record.collection + "/" + record.id }, record.name, el("small", {}, record.id));
      link.addEventListener("click", (event) => { event.preventDefault(); load(record.collection, record.id); });
      item.append(link);
    } else {
      item.append(el("span", { class: "broken" }, record.id, el("small", {}, say("broken", { path: record.path }))));
    }
    list.append(item);
  }
}

async function save(event) {
  event.preventDefault();
  if (!current) return;
  const data = collect(config.collections[current.collection], $("fields"), []);
  status(say("saving"));
  const response = await fetch("/admin/api/records/" + encodeURIComponent(current.collection) + "/" + encodeURIComponent(current.id), {
    method: "POST", headers: { "X-Heritage-Token": config.token, "Content-Type": "application/json" },
    body: JSON.stringify({ data, new: current.isNew, version: current.version }),
  });
  const answer = await response.json();
  if (response.status === 422) {
    showProblems(answer.problems);
    status(say("not_saved", { count: answer.problems.filter((p) => !p.warning).length }));
    const first = document.querySelector("#fields [aria-invalid]") || document.querySelector("#fields .error");
    if (first) { first.scrollIntoView({ block: "center" }); if (first.focus) first.focus(); }
    return;
  }
  if (!response.ok) { status(answer.error || say("failed")); return; }
  current.isNew = false;
  current.version = answer.version;
  unsaved = false;
  showProblems(answer.problems || []);
  status(say("saved", { path: answer.saved }));
  refreshList();
}

function startNew() {
  const kind = $("new-kind").value;
  const id = $("new-id").value.trim();
  if (!kind || !id) { status(say("new_needs")); return; }
  if (!leave()) return;
  open({ collection: config.kinds[kind], id, isNew: true, data: { kind } });
  status(say("new_started", { id }));
}

function setUp() {
  document.title = words.title;
  $("title").textContent = words.title;
  $("preview").textContent = say("preview");
  $("new-label").textContent = say("new_label");
  $("new-button").textContent = say("new_button");
  $("new-id").placeholder = say("new_id");
  $("filter").placeholder = say("filter");
  $("save").textContent = say("save");
  $("empty").textContent = say("empty");
  $("new-kind").append(el("option", { value: "" }, "—"), ...Object.keys(config.kinds).map((kind) => el("option", { value: kind }, kind)));
  for (const [code, name] of Object.entries(config.languages)) {
    $("languages").append(el("a", { href: "?lang=" + code, lang: code, "aria-current": code === config.lang ? "page" : false }, name));
  }
  $("new-button").addEventListener("click", startNew);
  $("filter").addEventListener("input", drawList);
  $("form").addEventListener("submit", save);
  $("form").addEventListener("input", () => { unsaved = true; });
  window.addEventListener("beforeunload", (event) => { if (unsaved) event.preventDefault(); });
  refreshList();
}

setUp();
