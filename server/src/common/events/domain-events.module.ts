import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';

/** One in-process bus for the whole API process (see DomainEvents). */
@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
