import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';

/** Every console controller: guarded (deny by default), documented, under its path. */
export const ConsoleController = (path: string, tag: string) =>
  applyDecorators(Controller(path), UseGuards(AuthGuard), ApiTags(tag), ApiBearerAuth());
