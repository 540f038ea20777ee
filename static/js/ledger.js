/* The ledger's charts (Apache ECharts, served by the site): monthly sales by channel, the share
   of each resettlement area and the organisations against their targets. The figures come from
   the page's #ledger-chart-data (json_script); a chart without data says so. */
(function () {
    "use strict";
    var source = document.getElementById("ledger-chart-data");
    if (!source || typeof echarts === "undefined") {
        return;
    }
    var data = JSON.parse(source.textContent);
    var green = ["#2e7d32", "#f9a825", "#6d4c41", "#0277bd", "#8e24aa", "#00897b"];
    var yuan = function (value) {
        return "¥" + Number(value).toLocaleString("zh-CN", {minimumFractionDigits: 2, maximumFractionDigits: 2});
    };
    var options = {
        months: function () {
            return {
                color: green,
                tooltip: {trigger: "axis", valueFormatter: yuan},
                legend: {top: 0},
                grid: {left: 8, right: 8, bottom: 8, top: 36, containLabel: true},
                xAxis: {type: "category", data: data.months},
                yAxis: {type: "value"},
                series: data.channels.map(function (channel) {
                    return {name: channel.name, type: "bar", stack: "net", data: channel.values};
                })
            };
        },
        areas: function () {
            return data.areas.length ? {
                color: green,
                tooltip: {trigger: "item", valueFormatter: yuan},
                legend: {type: "scroll", bottom: 0},
                series: [{type: "pie", radius: ["30%", "58%"], center: ["50%", "42%"], data: data.areas, label: {formatter: "{d}%"}}]
            } : null;
        },
        organisations: function () {
            var rows = data.organisations.slice().reverse();
            return rows.length ? {
                color: green,
                tooltip: {trigger: "axis", valueFormatter: yuan},
                legend: {top: 0},
                grid: {left: 8, right: 16, bottom: 8, top: 36, containLabel: true},
                xAxis: {type: "value", axisLabel: {hideOverlap: true}},
                yAxis: {
                    type: "category",
                    data: rows.map(function (row) { return row.name; }),
                    axisLabel: {width: 110, overflow: "truncate"}
                },
                series: [
                    {name: data.labels.purchased, type: "bar", data: rows.map(function (row) { return row.value; })},
                    {name: data.labels.target, type: "bar", data: rows.map(function (row) { return row.target; })}
                ]
            } : null;
        }
    };
    document.querySelectorAll("[data-ledger-chart]").forEach(function (element) {
        var option = options[element.dataset.ledgerChart]();
        if (!option) {
            element.textContent = data.labels.empty;
            element.classList.add("wf-chart--empty");
            return;
        }
        var chart = echarts.init(element, null, {renderer: "svg"});
        chart.setOption(option);
        window.addEventListener("resize", function () { chart.resize(); });
    });
}());
