export { admit, isAdmissionRefusal } from './Admission';
export type { AdmissionReader, AdmissionRequest } from './types';
