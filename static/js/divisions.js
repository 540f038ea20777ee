/*
 * Province → city → district selects of the address forms (shop/address/forms.py).
 *
 * The selects carry data-division-level ("province", "city", "district"), data-divisions-url (the
 * JSON view: ?parent=<code> lists the divisions under one) and data-placeholder. Choosing a
 * province fills the cities; choosing a city fills its districts, or hides the district select
 * where the city has none (东莞, 仙桃 …). The server checks the posted codes either way, so the
 * form works without this script.
 */
(function () {
  "use strict";

  var cache = {};

  function fetchChildren(url, parentCode) {
    if (!cache[parentCode]) {
      cache[parentCode] = fetch(url + "?parent=" + encodeURIComponent(parentCode), {
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) {
          delete cache[parentCode];
          throw new Error("divisions " + response.status);
        }
        return response.json();
      });
    }
    return cache[parentCode];
  }

  function reset(select) {
    select.innerHTML = "";
    var option = document.createElement("option");
    option.value = "";
    option.textContent = select.getAttribute("data-placeholder") || "";
    select.appendChild(option);
  }

  function fill(select, divisions) {
    reset(select);
    divisions.forEach(function (division) {
      var option = document.createElement("option");
      option.value = division.code;
      option.textContent = division.name;
      if (division.leaf) {
        option.setAttribute("data-leaf", "1");
      }
      select.appendChild(option);
    });
  }

  /* The district row disappears where there is nothing to choose, and comes back otherwise. */
  function showRow(select, visible) {
    var row = select.closest("[data-division-row]") || select.closest(".form-group") || select.parentNode;
    row.hidden = !visible;
    select.disabled = !visible;
  }

  function load(select, parentCode) {
    reset(select);
    if (!parentCode) {
      return Promise.resolve([]);
    }
    select.setAttribute("aria-busy", "true");
    return fetchChildren(select.getAttribute("data-divisions-url"), parentCode)
      .then(function (data) {
        fill(select, data.divisions);
        return data.divisions;
      })
      .catch(function () {
        return [];
      })
      .finally(function () {
        select.removeAttribute("aria-busy");
      });
  }

  function wire(form) {
    var province = form.querySelector('select[data-division-level="province"]');
    var city = form.querySelector('select[data-division-level="city"]');
    var district = form.querySelector('select[data-division-level="district"]');
    if (!province || !city || !district) {
      return;
    }

    province.addEventListener("change", function () {
      reset(district);
      showRow(district, true);
      load(city, province.value);
    });

    city.addEventListener("change", function () {
      var chosen = city.options[city.selectedIndex];
      if (chosen && chosen.getAttribute("data-leaf")) {
        reset(district);
        showRow(district, false);
        return;
      }
      showRow(district, true);
      load(district, city.value).then(function (divisions) {
        showRow(district, !city.value || divisions.length > 0);
      });
    });

    // A saved address whose city has no districts shows no empty district select.
    if (city.value && district.options.length <= 1) {
      showRow(district, false);
    }
  }

  function init() {
    var forms = document.querySelectorAll("form");
    Array.prototype.forEach.call(forms, wire);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
