// The enterprise picker of the help-activity form: a filter box over a long list of
// checkboxes, a "ticked only" switch and a count. Without it the list still works: every
// checkbox is there, in a scrolling box.
(() => {
  // Full-width letters and digits (pasted from Word or typed with a Chinese IME) match
  // their half-width forms, and case does not matter.
  const normalise = (text) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

  document.querySelectorAll("[data-enterprise-picker]").forEach((picker) => {
    const tools = picker.querySelector("[data-picker-tools]");
    const search = picker.querySelector("[data-picker-search]");
    const tickedOnly = picker.querySelector("[data-picker-ticked-only]");
    const count = picker.querySelector("[data-picker-count]");
    const none = picker.querySelector("[data-picker-none]");
    const options = Array.from(picker.querySelectorAll("[data-picker-option]")).map((row) => ({
      row,
      checkbox: row.querySelector("input[type=checkbox]"),
      text: normalise(row.dataset.search || row.textContent),
    }));
    if (!options.length) return;

    const update = () => {
      const words = normalise(search.value);
      let shown = 0;
      options.forEach(({ row, checkbox, text }) => {
        const visible = (!words || text.includes(words)) && (!tickedOnly.checked || checkbox.checked);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      none.hidden = shown > 0;
      const ticked = options.filter(({ checkbox }) => checkbox.checked).length;
      count.textContent = count.dataset.template.replace("__COUNT__", ticked);
    };

    search.addEventListener("input", update);
    // Enter in the filter box must not submit the whole form half-filled.
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
    // Ticking a box or the "ticked only" switch: both bubble up as a change.
    picker.addEventListener("change", update);
    tools.hidden = false;
    update();
  });
})();
