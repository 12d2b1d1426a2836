import { format } from 'date-fns';

/** A `datetime-local` input's value for an instant, in the branch's local time. */
export const toLocalInput = (date: Date) => format(date, "yyyy-MM-dd'T'HH:mm");

/** The UTC ISO instant for a `datetime-local` value; '' when it is not a time (the main process then says so). */
export function localInputToIso(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
