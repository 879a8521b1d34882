import { Injectable, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { notFound } from '../http/gateway-error.js';

const uuid = z.uuid();

/** Notifier ids are UUIDs: anything else cannot exist, so it answers 404 like another organisation's id. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!uuid.safeParse(value).success) throw notFound();
    return value;
  }
}

const hostname = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/);

/** An allow-listed host in a path (`tickets.example.com`, `10.0.0.5`); anything else is not in the list. */
@Injectable()
export class HostPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!hostname.safeParse(value).success) throw notFound('allow-listed host');
    return value.toLowerCase();
  }
}
