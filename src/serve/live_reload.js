(() => {
  "use strict";
  // The output file of this page, as the server names changed files.
  const here = (() => {
    let path = decodeURIComponent(location.pathname);
    return path.endsWith("/") ? path + "index.html" : path;
  })();
  const overlayId = "kepu-problems";

  function removeOverlay() {
    const overlay = document.getElementById(overlayId);
    if (overlay) overlay.remove();
  }

  // `failed` is what the server sent: a title, the problems as the
  // terminal shows them (grouped, in the site's language) and the count.
  function showProblems(failed) {
    removeOverlay();
    const overlay = document.createElement("div");
    overlay.id = overlayId;
    overlay.setAttribute("role", "alert");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,20,.92);color:#fff;font:16px/1.5 monospace;";
    const title = document.createElement("h2");
    title.textContent = failed.title;
    title.style.cssText = "margin:0 0 1rem;font-size:1.2rem;color:#ff8080;";
    overlay.append(title);
    for (const entry of failed.entries) {
      const item = document.createElement("pre");
      item.className = "kepu-problem";
      item.style.cssText = "white-space:pre-wrap;margin:0 0 1rem;padding:1rem;background:#333;";
      item.textContent = entry;
      overlay.append(item);
    }
    const count = document.createElement("p");
    count.className = "kepu-problem-count";
    count.textContent = failed.count;
    overlay.append(count);
    document.body.append(overlay);
  }

  function swapStylesheet(changedPath) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin === location.origin && decodeURIComponent(url.pathname) === changedPath) {
        const fresh = link.cloneNode();
        url.searchParams.set("kepu-reload", Date.now());
        fresh.href = url.href;
        fresh.addEventListener("load", () => link.remove());
        link.after(fresh);
      }
    }
  }

  // Whether the page shows an image at one of `paths` (as the server names
  // files): as an <img> or a <source>, in `src` or any `srcset` candidate.
  // Pages link the preview's own address, so only the path is compared.
  function showsAny(paths) {
    const wanted = new Set(paths);
    for (const element of document.querySelectorAll("img, picture source")) {
      const candidates = (element.getAttribute("srcset") || "")
        .split(",")
        .map((candidate) => candidate.trim().split(/\s+/)[0])
        .concat(element.getAttribute("src") || "");
      for (const candidate of candidates.filter(Boolean)) {
        const url = new URL(candidate, location.href);
        if (wanted.has(decodeURIComponent(url.pathname))) return true;
      }
    }
    return false;
  }

  const events = new EventSource("__EVENTS_PATH__");
  // Shows (to people and tests) that the page is listening.
  events.addEventListener("open", () => {
    document.documentElement.dataset.kepuLive = "connected";
  });
  events.addEventListener("update", (e) => {
    const update = JSON.parse(e.data);
    removeOverlay();
    if (update.reload_all || update.changed.includes(here)) {
      location.reload();
      return;
    }
    update.changed.filter((p) => p.endsWith(".css")).forEach(swapStylesheet);
  });
  // Photos made after the page was served: their URLs answered 404 so far.
  events.addEventListener("photos", (e) => {
    if (showsAny(JSON.parse(e.data).made)) location.reload();
  });
  events.addEventListener("problems", (e) => showProblems(JSON.parse(e.data)));
})();
