// The neighbourhood of a resource as an interactive graph (Cytoscape.js, bundled locally).
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source) return;
  var data = JSON.parse(source.textContent);
  var COLOURS = {
    Leader: "#c0392b", Person: "#e67e22", State: "#2471a3", Government: "#5dade2", Organization: "#17a589",
    Group: "#7f8c8d", Place: "#27ae60", Summit: "#8e44ad", Sanction: "#b7950b", Claim: "#d35400",
    Article: "#34495e", LegalInstrument: "#6c3483", Tenure: "#95a5a6",
  };
  var elements = data.nodes.map(function (node) {
    return { group: "nodes", data: { id: node.id, label: node.label, href: node.href,
      colour: COLOURS[node.type] || "#555", center: node.center ? 1 : 0 } };
  }).concat(data.edges.map(function (edge, index) {
    return { group: "edges", data: { id: "e" + index, source: edge.source, target: edge.target, label: edge.label } };
  }));
  var cy = cytoscape({
    container: holder,
    elements: elements,
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 10,
        "text-valign": "bottom", "text-margin-y": 3, width: 18, height: 18, "text-wrap": "ellipsis",
        "text-max-width": 140 } },
      { selector: "node[center = 1]", style: { width: 30, height: 30, "font-weight": "bold", "font-size": 12,
        "border-width": 3, "border-color": "#222" } },
      { selector: "edge", style: { width: 1.2, "line-color": "#aaa", "target-arrow-color": "#aaa",
        "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)", "font-size": 8,
        color: "#666", "text-rotation": "autorotate" } },
    ],
    layout: { name: "concentric", concentric: function (node) { return node.data("center") ? 2 : 1; },
      levelWidth: function () { return 1; }, minNodeSpacing: 30, animate: false },
  });
  cy.on("tap", "node", function (event) {
    var href = event.target.data("href");
    if (href && !event.target.data("center")) window.location.href = href;
  });
  holder.dataset.nodes = String(cy.nodes().length);
  holder.dataset.ready = "true";
  window.diplographGraph = cy;
})();
