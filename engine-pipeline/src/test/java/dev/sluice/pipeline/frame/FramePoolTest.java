package dev.sluice.pipeline.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pool and the reference-count lifecycle of one frame. */
class FramePoolTest {
  private final FrameSchema schema = FrameSchema.of("ax", "ay");

  @Test
  void aReleasedFrameIsReusedAndCounted() {
    FramePool pool = FramePool.create("p", schema, 2);
    Frame a = pool.acquire(10, 1);
    a.set(0, 1.5);
    assertThat(pool.outstanding()).isEqualTo(1);
    assertThat(a.release()).isTrue();
    assertThat(pool.outstanding()).isZero();
    Frame b = pool.acquire(20, 2);
    assertThat(b).isSameAs(a);
    assertThat(b.timestamp()).isEqualTo(20);
    assertThat(b.sequence()).isEqualTo(2);
    assertThat(b.get(0)).isNaN(); // values reset on reuse
    assertThat(pool.allocations()).isEqualTo(1);
    assertThat(pool.reuses()).isEqualTo(1);
    b.release();
  }

  @Test
  void thePoolKeepsAtMostItsCapacityOfIdleFrames() {
    FramePool pool = FramePool.create("p", schema, 2);
    Frame[] f = new Frame[5];
    for (int i = 0; i < f.length; i++) {
      f[i] = pool.acquire(i, i);
    }
    for (Frame x : f) {
      x.release();
    }
    assertThat(pool.idle()).isEqualTo(2);
    assertThat(pool.discarded()).isEqualTo(3);
    assertThat(pool.outstanding()).isZero();
    assertThat(pool.allocations()).isEqualTo(5);
  }

  @Test
  void theLastOfSeveralReleasesReturnsTheFrame() {
    FramePool pool = FramePool.create("p", schema, 4);
    Frame f = pool.acquire(0, 7).retain(2);
    assertThat(f.refCount()).isEqualTo(3);
    assertThatThrownBy(() -> f.set(0, 1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shared by 3 consumers");
    assertThat(f.release()).isFalse();
    assertThat(f.release()).isFalse();
    assertThat(pool.outstanding()).isEqualTo(1);
    assertThat(f.release()).isTrue();
    assertThat(pool.outstanding()).isZero();
    assertThat(pool.idle()).isEqualTo(1);
  }

  @Test
  void aDoubleReleaseIsAnErrorNamingTheFrameAndPool() {
    FramePool pool = FramePool.create("imu", schema, 4);
    Frame f = pool.acquire(0, 42);
    f.release();
    assertThatThrownBy(f::release).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("double release")
        .hasMessageContaining("frame #42")
        .hasMessageContaining("pool 'imu'");
    assertThat(pool.doubleReleases()).isEqualTo(1);
    assertThat(pool.outstanding()).isZero(); // not counted twice
    assertThat(pool.idle()).isEqualTo(1); // not put back twice
    assertThatThrownBy(f::retain).isInstanceOf(IllegalStateException.class).hasMessageContaining("retained");
    assertThatThrownBy(() -> f.get(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("read");
  }

  @Test
  void anUnreleasedFrameIsOutstanding() {
    FramePool pool = FramePool.create("p", schema, 4);
    pool.acquire(0, 0);
    pool.acquire(0, 1).release();
    assertThat(pool.outstanding()).isEqualTo(1);
  }

  @Test
  void channelExpressionsTransformInPlaceOrCopyWhenShared() {
    FramePool pool = FramePool.create("p", schema, 4);
    ChannelExpressions same = ChannelExpressions.compile(schema, Map.of("ax", "ax * 2"));
    Frame f = pool.acquire(5, 1).set(0, 3).set(1, 4);
    Frame out = same.apply(f, pool);
    assertThat(out).isSameAs(f);
    assertThat(out.get("ax")).isEqualTo(6.0);
    out.release();

    ChannelExpressions mag = ChannelExpressions.compile(schema, Map.of("mag", "sqrt(ax * ax + ay * ay)"));
    FramePool outPool = FramePool.create("out", mag.outputSchema(), 4);
    Frame g = pool.acquire(5, 2).set(0, 3).set(1, 4).retain(); // shared with another consumer
    Frame m = mag.apply(g, outPool);
    assertThat(m).isNotSameAs(g);
    assertThat(m.schema().channels()).containsExactly("ax", "ay", "mag");
    assertThat(m.get("mag")).isEqualTo(5.0);
    assertThat(m.get("ax")).isEqualTo(3.0);
    assertThat(g.refCount()).isEqualTo(1); // the stage released its reference
    g.release();
    m.release();
    assertThat(pool.outstanding()).isZero();
    assertThat(outPool.outstanding()).isZero();
  }

  @Test
  void badSchemasAreRefused() {
    assertThatThrownBy(() -> FrameSchema.of("a", "a")).hasMessageContaining("named twice");
    assertThatThrownBy(() -> FrameSchema.of("timestamp")).hasMessageContaining("frame field");
    assertThatThrownBy(() -> ChannelExpressions.compile(schema, Map.of("x", "az + 1")))
        .hasMessageContaining("unknown field 'az'");
  }
}
