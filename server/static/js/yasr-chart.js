// A YASR result view drawing numeric columns as a bar chart with Chart.js (bundled, no CDN).
// It offers itself only for SELECT results with at least one all-numeric column.
(function () {
  "use strict";
  var NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|unsignedInt|unsignedLong)$/;
  var MAX_ROWS = 500;

  function numericColumns(results) {
    var bindings = results.getBindings() || [];
    return results.getVariables().filter(function (name) {
      return bindings.length > 0 && bindings.every(function (row) {
        var term = row[name];
        return term && term.type !== "uri" && term.datatype && NUMERIC.test(term.datatype);
      });
    });
  }

  function labelOf(term) {
    if (!term) return "";
    if (term.type === "uri") return term.value.replace(/^.*[#/]/, "");
    return term.value;
  }

  function ChartPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Chart";
    this.chart = null;
  }

  ChartPlugin.prototype.canHandleResults = function () {
    var results = this.yasr.results;
    if (!results || !results.getBindings || !results.getVariables) return false;
    var bindings = results.getBindings();
    return !!bindings && bindings.length <= MAX_ROWS && numericColumns(results).length > 0;
  };

  ChartPlugin.prototype.draw = function () {
    var results = this.yasr.results;
    var values = numericColumns(results);
    var labels = results.getVariables().filter(function (name) { return values.indexOf(name) < 0; });
    var bindings = results.getBindings();
    var holder = document.createElement("div");
    holder.className = "diplograph-chart";
    var canvas = document.createElement("canvas");
    holder.appendChild(canvas);
    this.yasr.resultsEl.appendChild(holder);
    if (this.chart) this.chart.destroy();
    this.chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: bindings.map(function (row, index) {
          return labels.length ? labels.map(function (name) { return labelOf(row[name]); }).join(" · ") : String(index + 1);
        }),
        datasets: values.map(function (name) {
          return { label: name, data: bindings.map(function (row) { return Number(row[name].value); }) };
        }),
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false },
    });
  };

  ChartPlugin.prototype.getIcon = function () {
    var icon = document.createElement("span");
    icon.className = "diplograph-chart-icon";
    icon.textContent = "▮▮";
    return icon;
  };

  ChartPlugin.prototype.destroy = function () {
    if (this.chart) this.chart.destroy();
    this.chart = null;
  };

  Yasgui.Yasr.registerPlugin("chart", ChartPlugin);
})();
