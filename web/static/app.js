// The only script of the page: live progress of a running job, and the upload size check.
"use strict";

function formatNumber(value) {
  return value === null || value === undefined ? "-" : Math.round(value).toLocaleString("en-GB");
}

function formatPercent(value) {
  return value === null || value === undefined ? "-" : (100 * value).toFixed(1) + "%";
}

function watchProgress(box) {
  const show = (id, text) => {
    const element = document.getElementById(id);
    if (element) element.textContent = text;
  };
  const bar = document.getElementById("p-bar");
  async function poll() {
    try {
      const response = await fetch(box.dataset.progress, { cache: "no-store" });
      const p = await response.json();
      show("p-elapsed", `${Math.round(p.elapsed)}s of ${p.time_limit}s`);
      if (bar) bar.value = Math.min(p.elapsed / p.time_limit, 1);
      show("p-solutions", String(p.solutions));
      show("p-objective", formatNumber(p.objective));
      show("p-bound", formatNumber(p.bound));
      show("p-gap", formatPercent(p.gap));
      if (p.stop_requested) show("p-note", "Stopping: the best found so far will be kept…");
      if (p.state !== "running") {
        window.location.reload();
        return;
      }
    } catch (error) {
      show("p-note", "Lost contact with the server; trying again…");
    }
    window.setTimeout(poll, 1000);
  }
  window.setTimeout(poll, 500);
}

function checkUploadSize(form) {
  const limit = Number(form.dataset.maxBytes);
  const message = form.querySelector(".client-error");
  form.addEventListener("submit", (event) => {
    const input = form.querySelector("input[type=file]");
    const file = input && input.files && input.files[0];
    if (file && file.size > limit) {
      event.preventDefault();
      message.textContent = `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; ` +
        `the upload limit is ${(limit / 1048576).toFixed(0)} MB.`;
      message.hidden = false;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-progress]");
  if (box) watchProgress(box);
  const upload = document.querySelector("form[data-max-bytes]");
  if (upload) checkUploadSize(upload);
});
