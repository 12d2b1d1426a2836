import { format } from 'date-fns';
import type { BoardCall } from '../../../src-shared/contract/calls';

/** Times on screen in the branch's local time, as the clerk reads a wall clock. */
export const formatTime = (iso: string) => format(new Date(iso), 'MM-dd HH:mm');

/** Green with time to spare, amber inside the last two working hours, red once the promise is broken. */
export const deadlineTone = (call: BoardCall): 'green' | 'gold' | 'red' => {
  if (call.isLate || call.workingMinutesLeft < 0) return 'red';
  return call.workingMinutesLeft < 120 ? 'gold' : 'green';
};
