import { PII_FIELDS, type Incident } from '../../contract';

/** Withholds personal data from roles without `pii:read`, saying which fields were withheld. */
export function maskIncident(incident: Incident): Incident {
  return {
    ...incident,
    reporterName: null,
    reporterEmail: null,
    reporterPhone: null,
    affectedPeople: [],
    redacted: [...PII_FIELDS],
  };
}
