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
    // The catalogue's filters (templates/includes/category_sidebar.html): open beside the products
    // from data-open-from pixels wide, a sheet behind 筛选 below; 完成 closes the sheet.
    document.querySelectorAll("details[data-open-from]").forEach(function (details) {
        if (window.matchMedia("(min-width: " + details.dataset.openFrom + "px)").matches) {
            details.open = true;
        }
        details.querySelectorAll("[data-close-details]").forEach(function (button) {
            button.addEventListener("click", function () { details.open = false; });
        });
    });
    // The product page's quantity (templates/oscar/catalogue/partials/add_to_basket_form.html):
    // − and + step it within the input's min and max; typing stays possible.
    document.querySelectorAll("[data-quantity]").forEach(function (box) {
        var input = box.querySelector("input");
        box.querySelectorAll("[data-step]").forEach(function (button) {
            button.addEventListener("click", function () {
                var value = (parseInt(input.value, 10) || 1) + parseInt(button.dataset.step, 10);
                var max = parseInt(input.max, 10);
                if (!isNaN(max)) { value = Math.min(value, max); }
                input.value = Math.max(value, parseInt(input.min, 10) || 1);
            });
        });
    });
    // 获取验证码 (templates/oscar/customer/partials/mobile_code_form.html): disabled, counting
    // down, until the server would send another code; the server refuses earlier ones anyway.
    document.querySelectorAll("[data-resend-wait]").forEach(function (button) {
        var left = parseInt(button.dataset.resendWait, 10) || 0;
        var label = button.textContent;
        function tick() {
            if (left <= 0) {
                button.disabled = false;
                button.textContent = label;
                return;
            }
            button.disabled = true;
            button.textContent = button.dataset.waitText.replace("{seconds}", left);
            left -= 1;
            window.setTimeout(tick, 1000);
        }
        tick();
    });
})();
