export { createDashboardRepository, type DashboardRepository } from './dashboard.repository';
export { findRecognisedOperators, type RecognisedOperator } from './find-recognised-operators';
export { type DashboardSummary, getDashboard } from './get-dashboard';
