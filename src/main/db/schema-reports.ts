/**
 * 0018_patient_first_visits: each patient's first visit day (earliest appointment not CANCELED,
 * live or archived), kept by triggers; the reports' new/returning split reads it.
 */
export interface PatientFirstVisitsTable {
  patient_id: number
  /** Clinic day YYYY-MM-DD. */
  first_date: string
}

export interface ReportTables {
  patient_first_visits: PatientFirstVisitsTable
}
