import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

const jsonSchema = (schema: z.ZodType): Record<string, any> => {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, any>;
  } catch {
    return { type: 'object' };
  }
};

/** Documents a JSON body from the zod schema that validates it (one source of truth). */
export const ApiZodBody = (schema: z.ZodType) => ApiBody({ schema: jsonSchema(schema) as any });

/** Documents query parameters from a zod object schema. */
export function ApiZodQuery(schema: z.ZodType): MethodDecorator {
  const js = jsonSchema(schema);
  const props: Record<string, any> = js.properties ?? {};
  const required: string[] = js.required ?? [];
  return applyDecorators(
    ...Object.entries(props).map(([name, s]) => ApiQuery({ name, required: required.includes(name), schema: s as any })),
  );
}
