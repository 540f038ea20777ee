// Behaviour of the storefront's own markup. It lives here rather than in inline handlers,
// which the content security policy refuses.
(function () {
    "use strict";
    // The language selector (templates/includes/header.html) switches as soon as one is picked.
    document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
        select.addEventListener("change", function () {
            select.form.submit();
        });
    });
})();
