import { day2FieldValidator } from '../ChangePreview/day2FieldProblems';

/**
 * On Next/Review in a day-2 form (`ui:options.change`): what the change's
 * dry run refuses about the size (one the cluster's profile does not offer,
 * e.g. from an old link) stops the form on this field.
 */
export const validateMachineSize = day2FieldValidator<string>('size');
