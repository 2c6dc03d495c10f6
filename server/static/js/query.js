// The query page: YASGUI on this server's endpoint, canned queries as example tabs.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("diplograph-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var prologue = Object.keys(config.prefixes).map(function (prefix) {
    return "PREFIX " + prefix + ": <" + config.prefixes[prefix] + ">";
  }).join("\n");
  var starter = prologue + "\n\nSELECT ?leader ?label WHERE {\n  ?leader a dg:Leader ;\n          rdfs:label ?label .\n}\nLIMIT 20\n";

  Yasgui.Yasqe.defaults.prefixCcApi = new URL(config.prefixesUrl, window.location.href).href;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: [],
    },
    persistenceId: "diplograph-" + window.location.host,
    yasqe: { value: starter },
    yasr: { pluginOrder: ["table", "response", "chart"], defaultPlugin: "table" },
  });

  function openExample(example) {
    var tab = yasgui.addTab(true, { name: example.title, yasqe: { value: example.query } });
    tab.setEndpoint(endpoint);
    tab.query();
  }

  var byName = {};
  config.examples.forEach(function (example) { byName[example.name] = example; });
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () { openExample(byName[button.dataset.name]); });
  });
  window.diplographYasgui = yasgui; // for the browser tests and the console
})();
