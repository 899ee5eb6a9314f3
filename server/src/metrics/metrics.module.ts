import { Global, Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { AppMetrics } from './app-metrics';
import { MetricsAccessGuard } from './metrics-access';
import { MetricsController } from './metrics.controller';
import { MetricsSocketHooks } from './metrics-socket.hooks';

/**
 * Prometheus metrics of the API process at `/api/metrics` (see the README, Observability). Global so
 * a feature records through `AppMetrics` without importing this module; the HTTP histogram is fed by
 * the `httpMetrics` middleware configureApp installs first.
 */
@Global()
@Module({
  imports: [RealtimeModule],
  controllers: [MetricsController],
  providers: [AppMetrics, MetricsAccessGuard, MetricsSocketHooks],
  exports: [AppMetrics],
})
export class MetricsModule {}
