// Mends for Oscar's dashboard scripts, loaded after oscar/js/oscar/dashboard.js.
(function () {
    "use strict";
    // Oscar 4.2's order page (oscar/dashboard/orders/order_detail.html) still calls
    // oscar.dashboard.orders.initTable, which its dashboard.js no longer defines: every order
    // page stopped its scripts there with a TypeError. Nothing is left for it to do.
    var orders = window.oscar && window.oscar.dashboard && window.oscar.dashboard.orders;
    if (orders && typeof orders.initTable !== "function") {
        orders.initTable = function () {};
    }
})();
