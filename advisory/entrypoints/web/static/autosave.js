// Saves the draft of a form (the survey, the stress test) a second after the contact stops typing, so nothing is lost if the tab closes.
(function () {
  const form = document.querySelector("form[data-draft]");
  const shown = document.getElementById("autosave");
  if (!form || !window.fetch) return;
  let timer = null;
  function save() {
    const data = new FormData(form);
    data.delete("action");
    fetch(form.dataset.draft, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { shown.textContent = r.ok ? shown.dataset.saved : shown.dataset.failed; })
      .catch(function () { shown.textContent = shown.dataset.offline; });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  });
})();
