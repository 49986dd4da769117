/* The network map: draws the data of /network/map/data/ with vis-network (served from the
 * pyvis package, see network/vendor.py), fills the legend's counts and the list of the
 * people shown (the keyboard and screen-reader way through the map), and reloads on a
 * filter change. Positions come computed from the server, so the library's physics stay
 * off: 2,000 people draw at once and pan and zoom without a layout running.
 * Words come translated from the template (#map-strings, data-label attributes). */
(function () {
  "use strict";

  const container = document.getElementById("network-map");
  if (!container) return;
  const strings = JSON.parse(document.getElementById("map-strings").textContent);
  const form = document.getElementById("map-filters");
  const status = document.getElementById("map-status");
  const notice = document.getElementById("map-notice");
  const list = document.getElementById("map-list");
  const search = document.getElementById("map-search");
  const legend = document.getElementById("map-legend");
  const FIELDS = ["tag", "org", "circle", "event"];

  const state = { network: null, data: null };
  window.entregentMap = state;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (match, key) =>
      Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match
    );
  }

  function personUrl(id) {
    return container.dataset.personUrl.replace(/0\/$/, id + "/");
  }

  // Colours live in map.css (one place for the legend and the drawing).
  function swatchColour(name) {
    const swatch = legend.querySelector(".map-swatch-" + name);
    return swatch ? getComputedStyle(swatch).backgroundColor : "#888888";
  }

  function circleLabels() {
    const labels = {};
    legend.querySelectorAll("li[data-circle]").forEach((item) => {
      labels[item.dataset.circle] = item.dataset.label;
    });
    return labels;
  }

  // The form's filters; on first load, the address's (a bad one is then refused by the
  // server and pointed at, instead of silently dropped by a select that cannot hold it).
  function queryString(fromAddress) {
    const params = new URLSearchParams();
    const source = fromAddress ? new URLSearchParams(window.location.search) : new FormData(form);
    FIELDS.forEach((name) => {
      const value = (source.get(name) || "").toString().trim();
      if (value) params.set(name, value);
    });
    return params.toString();
  }

  function clearErrors() {
    form.querySelectorAll(".errorlist").forEach((node) => node.remove());
    form.querySelectorAll(".field-invalid").forEach((node) => node.classList.remove("field-invalid"));
    form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  }

  function showErrors(body) {
    const errors = (body && body.errors) || {};
    Object.keys(errors).forEach((name) => {
      const control = form.elements.namedItem(name);
      if (!control || !control.closest) return;
      const field = control.closest(".field");
      field.classList.add("field-invalid");
      control.setAttribute("aria-invalid", "true");
      const message = document.createElement("ul");
      message.className = "errorlist map-error";
      message.id = "map-error-" + name;
      errors[name].forEach((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        message.appendChild(item);
      });
      field.appendChild(message);
      control.setAttribute("aria-describedby", message.id);
    });
    status.textContent = (body && body.detail) || strings.failed;
  }

  function draw(data) {
    if (state.network) {
      state.network.destroy();
      state.network = null;
    }
    if (typeof window.vis === "undefined" || !window.vis.Network) {
      notice.textContent = strings.no_graph;
      notice.hidden = false;
      return;
    }
    const labels = circleLabels();
    const colours = {};
    Object.keys(labels).forEach((circle) => {
      colours[circle] = swatchColour(circle);
    });
    const many = data.nodes.length > 300;
    const textColour = getComputedStyle(document.body).color;
    const nodes = [
      {
        id: "me",
        label: strings.me,
        x: 0,
        y: 0,
        shape: "star",
        size: 22,
        color: swatchColour("me"),
        font: { size: 16, color: textColour },
      },
    ];
    data.nodes.forEach((node) => {
      const organization = node.organization ? node.organization.name : "";
      nodes.push({
        id: node.id,
        label: node.name,
        x: node.x,
        y: node.y,
        size: 7 + Math.min(node.degree, 24) / 2,
        color: colours[node.circle] || swatchColour("weak"),
        title: [node.name, organization, labels[node.circle] || node.circle]
          .filter(Boolean)
          .join(" · "),
      });
    });
    const edges = [];
    data.edges.forEach((edge) => {
      edges.push({
        from: edge.source,
        to: edge.target,
        width: many ? 0.3 + edge.weight : 0.5 + edge.weight * 2.5,
        color: { color: "#8d969f", opacity: many ? 0.18 : 0.45 },
      });
    });
    // With many people, only my closer ties are drawn from the centre: two thousand
    // lines from one point would hide everything else (the list gives every score).
    const minimum = many ? 0.5 : 0;
    data.my_ties.forEach((tie) => {
      if (tie.weight < minimum) return;
      edges.push({
        from: "me",
        to: tie.person,
        width: 0.3 + tie.weight * 3,
        color: { color: swatchColour("me"), opacity: (many ? 0.05 : 0.12) + tie.weight * 0.2 },
        dashes: tie.weight < 0.25,
      });
    });
    const network = new window.vis.Network(
      container,
      { nodes: new window.vis.DataSet(nodes), edges: new window.vis.DataSet(edges) },
      {
        physics: false,
        layout: { improvedLayout: false },
        nodes: {
          shape: "dot",
          borderWidth: 1,
          font: { size: 13, color: textColour },
          scaling: { label: { drawThreshold: many ? 9 : 5 } },
        },
        edges: { smooth: false, selectionWidth: 1.5 },
        interaction: {
          hover: !many,
          tooltipDelay: 150,
          hideEdgesOnDrag: many,
          hideEdgesOnZoom: many,
          zoomView: true,
          dragView: true,
          dragNodes: false,
          keyboard: false,
        },
      }
    );
    network.on("click", (params) => {
      const id = params.nodes && params.nodes[0];
      if (id !== undefined && id !== "me") window.location.href = personUrl(id);
    });
    network.on("hoverNode", () => {
      container.style.cursor = "pointer";
    });
    network.on("blurNode", () => {
      container.style.cursor = "";
    });
    state.network = network;
  }

  function fillLegend(data) {
    const counts = {};
    data.nodes.forEach((node) => {
      counts[node.circle] = (counts[node.circle] || 0) + 1;
    });
    legend.querySelectorAll("li[data-circle]").forEach((item) => {
      item.querySelector("[data-count]").textContent = "(" + (counts[item.dataset.circle] || 0) + ")";
    });
  }

  function fillList(data) {
    const labels = circleLabels();
    const people = data.nodes.slice().sort((a, b) => a.name.localeCompare(b.name));
    const fragment = document.createDocumentFragment();
    people.forEach((node) => {
      const item = document.createElement("li");
      item.dataset.search = (node.name + " " + (node.organization ? node.organization.name : "")).toLowerCase();
      const link = document.createElement("a");
      link.href = personUrl(node.id);
      link.textContent = node.name;
      link.dataset.person = node.id;
      item.appendChild(link);
      const detail = document.createElement("span");
      detail.className = "muted small";
      detail.textContent = [node.organization ? node.organization.name : "", labels[node.circle] || node.circle]
        .filter(Boolean)
        .join(" · ");
      item.appendChild(document.createTextNode(" "));
      item.appendChild(detail);
      fragment.appendChild(item);
    });
    list.replaceChildren(fragment);
    filterList();
  }

  function filterList() {
    const words = search.value.trim().toLowerCase();
    list.querySelectorAll("li").forEach((item) => {
      item.hidden = words !== "" && !item.dataset.search.includes(words);
    });
  }

  // Focusing a person in the list picks them out on the drawing.
  list.addEventListener("focusin", (event) => {
    const id = event.target.dataset && event.target.dataset.person;
    if (id && state.network) state.network.selectNodes([Number(id)]);
  });
  search.addEventListener("input", filterList);

  async function load(remember) {
    clearErrors();
    status.textContent = strings.loading;
    container.setAttribute("aria-busy", "true");
    const query = queryString(!remember);
    try {
      const response = await fetch(container.dataset.url + (query ? "?" + query : ""), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const body = await response.json();
      if (!response.ok) {
        showErrors(body);
        return;
      }
      state.data = body;
      draw(body);
      fillLegend(body);
      fillList(body);
      status.textContent = body.total
        ? format(strings.shown, { shown: body.shown, total: body.total })
        : strings.empty;
      if (body.truncated) {
        notice.textContent = format(strings.truncated, { limit: body.limit });
        notice.hidden = false;
      } else if (typeof window.vis !== "undefined") {
        notice.hidden = true;
      }
      if (remember) {
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      }
    } catch (error) {
      status.textContent = strings.failed;
    } finally {
      container.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(true);
  });
  form.querySelectorAll("select").forEach((select) => {
    select.addEventListener("change", () => load(true));
  });
  document.getElementById("map-clear").addEventListener("click", (event) => {
    event.preventDefault();
    FIELDS.forEach((name) => {
      const control = form.elements.namedItem(name);
      if (control) control.value = "";
    });
    load(true);
  });

  load(false);
})();
