/** The executive report: data from the store, the HTML page with SVG charts, and the PDF printed from it. */
export {
  buildReport,
  monitoringView,
  reportFromView,
  readHealthHistory,
  readRespondents,
  serverToday,
  type MonitoringView,
  type HistoryPoint,
} from './build.ts';
export { renderReportHtml } from './html.ts';
export { htmlToPdf, findChromium, PdfUnavailableError, CHROMIUM_CANDIDATES } from './pdf.ts';
