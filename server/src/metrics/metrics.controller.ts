import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppMetrics } from './app-metrics';
import { MetricsAccessGuard } from './metrics-access';

/** The Prometheus scrape target of this API process. */
@ApiTags('observability')
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: AppMetrics) {}

  @Get()
  @UseGuards(MetricsAccessGuard)
  @ApiOperation({
    summary: 'Prometheus metrics of this process (text exposition format)',
    description:
      'HTTP latency by route, socket connections, chat messages stored and delivered, jobs per queue and state, ' +
      'process metrics. With METRICS_TOKEN set: `Authorization: Bearer <METRICS_TOKEN>`; without it: loopback ' +
      'clients only (not through a proxy).',
  })
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The exposition', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the bearer token is missing or wrong' })
  @ApiForbiddenResponse({ description: 'No METRICS_TOKEN and the client is not on loopback (or came through a proxy)' })
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.render();
    res.status(200).type(this.metrics.contentType).send(body);
  }
}
