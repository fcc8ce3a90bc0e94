// The invite link's page posts the code by itself (the button does it without JavaScript) and takes
// the code out of the address bar and the history first, so it does not linger there.
(function () {
  const form = document.getElementById("signin-link");
  if (!form) return;
  if (window.history && window.history.replaceState) window.history.replaceState(null, "", "/signin");
  form.submit();
})();
