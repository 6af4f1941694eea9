// The inspection form on a phone: only the chosen kind's checklist, the initiative only for a site visit,
// one finding row at a time, and a nudge to describe a fault. The form works without it.
(function () {
  "use strict";
  var form = document.getElementById("inspection-form");
  if (!form) return;
  var kind = document.getElementById("id_kind");
  var initiative = document.getElementById("initiative-field");
  var hint = document.getElementById("fault-hint");
  var rows = Array.prototype.slice.call(form.querySelectorAll("[data-finding-row]"));
  var addFinding = document.getElementById("add-finding");

  function chosenCodes() {
    var codes = {};
    form.querySelectorAll('fieldset.checklist[data-kind="' + kind.value + '"] input[type=radio]').forEach(function (radio) {
      codes[radio.name.slice(("check_" + kind.value + "_").length)] = true;
    });
    return codes;
  }

  function showKind() {
    form.querySelectorAll("fieldset.checklist").forEach(function (fieldset) {
      var shown = fieldset.dataset.kind === kind.value;
      fieldset.hidden = !shown;
      fieldset.disabled = !shown; // the server reads only the chosen kind's answers
    });
    if (initiative) initiative.hidden = kind.value !== "site";
    var codes = chosenCodes();
    form.querySelectorAll("[data-finding-row] select[name$='-item'] option").forEach(function (option) {
      option.hidden = Boolean(option.value) && !codes[option.value];
    });
    nudge();
  }

  function filled(row) {
    return row.querySelector("textarea").value.trim() !== "";
  }

  function nudge() {
    var fault = form.querySelector("fieldset.checklist:not([disabled]) input[value=fault]:checked");
    hint.hidden = !fault || rows.some(filled);
  }

  function showRows() {
    var shown = rows.filter(function (row, index) { return index === 0 || filled(row) || row.querySelector(".invalid-feedback"); });
    rows.forEach(function (row) { row.hidden = shown.indexOf(row) === -1; });
    addFinding.hidden = shown.length === rows.length;
  }

  addFinding.addEventListener("click", function () {
    var next = rows.filter(function (row) { return row.hidden; })[0];
    if (next) { next.hidden = false; next.querySelector("textarea").focus(); }
    addFinding.hidden = !rows.some(function (row) { return row.hidden; });
  });
  kind.addEventListener("change", showKind);
  form.addEventListener("change", nudge);
  form.addEventListener("input", nudge);
  showRows();
  showKind();
})();
