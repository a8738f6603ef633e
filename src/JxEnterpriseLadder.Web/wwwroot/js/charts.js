// Chart.js from npm (wwwroot/lib/chart.js), drawn by the LadderChart component. One chart per canvas: redrawing
// replaces it. Animation is off so the figures appear at once and screenshots are stable.
window.jxCharts = {
  render(canvas, config) {
    if (!canvas || !window.Chart) return;
    if (canvas._jxChart) canvas._jxChart.destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    canvas._jxChart = new Chart(canvas, config);
  }
};

// The layout calls this once the page is interactive (the circuit is up): clicks from here on reach the server.
// Browser tests wait for body[data-interactive] before they click.
window.jxInteractive = () => { document.body.dataset.interactive = '1'; };
