import { HttpException } from '@nestjs/common';

/** An HTTP error with the console's body shape: { message, field?, ...extra }. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly field?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super({ message, ...(field ? { field } : {}), ...extra }, status);
  }
}

export const badRequest = (message: string, field?: string, extra?: Record<string, unknown>) =>
  new ApiError(400, message, field, extra);
export const unauthorized = (message = 'unauthorized') => new ApiError(401, message);
export const forbidden = (message = 'forbidden') => new ApiError(403, message);
export const notFound = (message: string) => new ApiError(404, message);
export const conflict = (message: string, field?: string) => new ApiError(409, message, field);
