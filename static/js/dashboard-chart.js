// The dashboard's trend chart (ECharts, served by the app itself: no CDN).
(function () {
  const element = document.getElementById("progress-chart");
  const source = document.getElementById("progress-chart-data");
  if (!element || !source || typeof echarts === "undefined") return;
  const data = JSON.parse(source.textContent);
  const chart = echarts.init(element, null, { renderer: "canvas" });
  const series = [
    {
      name: data.labels.actual,
      type: "line",
      symbolSize: 8,
      clip: false,
      data: data.actual.map((point) => ({ value: [point.date, point.value], url: point.url })),
    },
    {
      name: data.labels.expected,
      type: "line",
      symbol: "none",
      lineStyle: { type: "dashed" },
      data: data.expected.map((point) => [point.date, point.value]),
    },
  ];
  if (data.target !== null) {
    series[1].markLine = {
      symbol: "none",
      label: { position: "insideEndTop", formatter: data.labels.target + " " + data.target },
      data: [{ yAxis: data.target }],
    };
  }
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 36, bottom: 28 },
    xAxis: { type: "time", min: data.expected[0] && data.expected[0].date, max: data.end },
    yAxis: { type: "value", name: data.unit },
    series: series,
  });
  chart.on("click", (params) => {
    if (params.data && params.data.url) window.location.href = params.data.url;
  });
  window.addEventListener("resize", () => chart.resize());
  element.dataset.ready = "true";
})();
