export { generateIncidentReport, type GenerateIncidentReportInput, type ReportEnvironment } from './generateIncidentReport';
export { verifyAnchor } from './verifyAnchor';
export { ReportWorker, REPORT_WORKER_FILES } from './worker/ReportWorker';
export { runReportJob } from './worker/runReportJob';
export type { ReportJob, ReportJobResult, IncidentReportJob, KpiJob, DocumentJob } from './worker/ReportJob';
export { renderReport, REPORT_MEDIA_TYPES } from './render/renderReport';
export type { Block, BlockSource, Chart, KeyValue, ReportMeta, TableColumn } from './render/ReportDocument';
export { buildIncidentReport, type IncidentReportDocument } from './incidentReport/buildIncidentReport';
export type { ReviewSource, ReportReview, ReportActionItem } from './incidentReport/ReviewSlots';
