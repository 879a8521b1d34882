import { Injectable, type PipeTransform } from '@nestjs/common';
import { idParamSchema } from '../common/id-param.js';
import { notFound } from './gateway-error.js';

/** A path id that cannot be one of ours answers 404, exactly like an id of another organisation. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!idParamSchema.safeParse(value).success) throw notFound();
    return value;
  }
}
