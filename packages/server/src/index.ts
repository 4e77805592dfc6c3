/** @valueweb/server: HTTP API, configuration, start-up. */
export { buildApp, type AppOptions } from './app.ts';
export {
  readConfig,
  storeConfig,
  ConfigError,
  ENVIRONMENT,
  type Config,
  type ConfigOverrides,
} from './config.ts';
export { HttpError, toErrorResponse, type ErrorBody } from './errors.ts';
export { startServer, type StartOptions, type RunningServer } from './start.ts';
export {
  buildReport,
  renderReportHtml,
  htmlToPdf,
  findChromium,
  PdfUnavailableError,
  type MonitoringView,
} from './report/index.ts';
