/**
 * A body limit for a route that takes a whole file as its body (a TD3 save, a tournament
 * export): larger than the API's JSON limit, refused with 413 naming the file and the limit.
 */
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors.ts';

export function fileLimit(maxBytes: number, what: string) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'BODY_TOO_LARGE', `${what} is larger than ${maxBytes / (1024 * 1024)} MB`, {
        maxBytes,
      });
    },
  });
}
