// A home-made banner: a choice hides it and shows the "Cookie settings" control (on pages that
// have one), which brings the banner back, as consent managers' floating buttons do.
function wireBanner(root, banner) {
  for (const button of root.querySelectorAll("[data-choice]")) {
    button.addEventListener("click", (event) => {
      event.preventDefault();
      document.cookie = "choice=" + button.dataset.choice + "; path=/";
      banner.style.display = "none";
      const reopen = document.getElementById("cookie-settings");
      if (reopen) reopen.style.display = "inline-block";
      document.dispatchEvent(new Event("banner-closed"));
    });
  }
  const reopen = document.getElementById("cookie-settings");
  if (reopen) reopen.addEventListener("click", () => { banner.style.display = "block"; });
}
