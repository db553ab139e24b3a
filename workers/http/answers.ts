import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { VenueAnswer } from '../../durable-objects/venue/model.ts';
import { ApiError } from './errors.ts';

/** The value of a VenueDO answer, or its error as the API's error envelope. */
export function unwrap<T>(answer: VenueAnswer<T>): T {
  if (answer.ok) return answer.value;
  const e = answer.error;
  throw new ApiError(
    e.status as ContentfulStatusCode,
    e.code,
    e.message,
    e.details ? (JSON.parse(e.details) as Record<string, unknown>) : undefined,
  );
}
