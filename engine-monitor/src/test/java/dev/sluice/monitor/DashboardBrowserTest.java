package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.metrics.EdgeSnapshot;
import dev.sluice.core.metrics.EngineSnapshot;
import dev.sluice.core.metrics.JobSnapshot;
import dev.sluice.core.metrics.StageSnapshot;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}) driven over WebDriver loads the page while a job runs and checks what a
 * person would see. The screenshot is kept as {@code target/dashboard.png}.
 */
class DashboardBrowserTest {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final String TOKEN = "browser-token-0123456789abcdef";

  @TempDir Path profile;
  private WebDriver browser;

  @BeforeEach
  void startBrowser() {
    Assumptions.assumeTrue(
        new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
        "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1400,2200");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void dashboardShowsTheSnapshotTheTopologyAndEventsAsTextAndCancelsWithTheToken()
      throws Exception {
    try (Engine engine = Engine.create();
        Monitor monitor = Monitor.start(engine, MonitorConfig.defaults().withActions(TOKEN))) {
      Job job = engine.submit(TestJobs.pipeline(Long.MAX_VALUE, 2_000), "browser-job");
      browser.get(monitor.uri().toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(d -> version(d) >= 3 && !shownTime(d).equals("0")
          && !d.findElements(By.cssSelector("#stages tbody tr")).isEmpty());

      // The figures shown are those of the snapshot the monitor took, pushed within the second.
      int matched = 0;
      for (int attempt = 0; attempt < 20 && matched < 2; attempt++) {
        Map<String, Object> page = readStages();
        EngineSnapshot latest = monitor.latestSnapshot();
        long shown = Long.parseLong((String) page.get("time"));
        if (shown == latest.timeMillis()) {
          JobSnapshot j = latest.jobs().get(0);
          @SuppressWarnings("unchecked")
          List<Map<String, String>> rows = (List<Map<String, String>>) page.get("rows");
          assertThat(rows).extracting(r -> r.get("name"))
              .containsExactlyElementsOf(j.stages().stream().map(StageSnapshot::name).toList());
          for (Map<String, String> row : rows) {
            StageSnapshot s = j.stage(row.get("name"));
            assertThat(Long.parseLong(row.get("in"))).as("in of %s", s.name()).isEqualTo(s.in());
            assertThat(Long.parseLong(row.get("out"))).as("out of %s", s.name()).isEqualTo(s.out());
            assertThat(Long.parseLong(row.get("filtered"))).isEqualTo(s.filtered());
            assertThat(Long.parseLong(row.get("deadLettered"))).isEqualTo(s.deadLettered());
            assertThat(Long.parseLong(row.get("errors"))).isEqualTo(s.errors());
          }
          assertThat(Long.parseLong((String) page.get("deadLettered")))
              .isEqualTo(j.stages().stream().mapToLong(StageSnapshot::deadLettered).sum());
          matched++;
        } else {
          // A newer snapshot exists: the page must get it within about one interval.
          assertThat(latest.timeMillis() - shown).isLessThanOrEqualTo(2_000);
        }
        Thread.sleep(300);
      }
      assertThat(matched).as("page reads that matched the monitor's latest snapshot")
          .isGreaterThan(0);

      // Every stage is drawn in the topology, every queue edge has a gauge.
      JobSnapshot j = monitor.latestSnapshot().jobs().get(0);
      List<String> drawn = strings(
          "return Array.from(document.querySelectorAll('#topology g.node'))"
              + ".map(n => n.dataset.stage);");
      assertThat(drawn).containsExactlyInAnyOrderElementsOf(
          j.stages().stream().map(StageSnapshot::name).toList());
      List<String> labels = strings(
          "return Array.from(document.querySelectorAll('#topology g.node text.stage-name'))"
              + ".map(n => n.textContent);");
      assertThat(labels).contains("readings", "number", "even", "checked", "scaled", "out");
      for (EdgeSnapshot e : j.edges()) {
        assertThat(browser.findElements(
            By.cssSelector("#edges tr[data-edge='" + e.from() + "->" + e.to() + "']"))).hasSize(1);
      }

      // Events with markup are shown as text: nothing of them became an element or ran.
      List<String> events = strings(
          "return Array.from(document.querySelectorAll('#events td[data-field=event]'))"
              + ".map(td => td.textContent);");
      assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith(TestJobs.MARKUP + " #"));
      assertThat(browser.findElements(By.cssSelector("#events img, #events script"))).isEmpty();
      assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
      assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined;"))
          .isEqualTo(true);

      // The debug log shows the job's state changes.
      assertThat(browser.findElement(By.id("debug")).getText()).contains("JOB_STATE");

      Path shot = Paths.get("target", "dashboard.png");
      Files.createDirectories(shot.getParent());
      File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(shot)).isGreaterThan(10_000);

      // Cancel: refused without the token, done with it.
      WebElement cancel =
          browser.findElement(By.cssSelector("#jobs tr[data-job='" + job.id() + "'] button"));
      cancel.click();
      wait.until(d -> d.findElement(By.id("action-message")).getText().startsWith("refused (401)"));
      assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
      browser.findElement(By.id("token")).sendKeys(TOKEN);
      browser.findElement(By.cssSelector("#jobs tr[data-job='" + job.id() + "'] button")).click();
      assertThat(job.join(Duration.ofSeconds(20))).isEqualTo(JobStatus.CANCELLED);
      wait.until(d -> d.findElement(
          By.cssSelector("#jobs tr[data-job='" + job.id() + "'] td[data-field=status]"))
          .getText().equals("CANCELLED"));
    }
  }

  private static long version(WebDriver d) {
    String v = d.findElement(By.tagName("body")).getDomAttribute("data-version");
    return v == null ? 0 : Long.parseLong(v);
  }

  private static String shownTime(WebDriver d) {
    return d.findElement(By.id("snapshot-time")).getDomAttribute("data-time");
  }

  /** The shown snapshot time and stage rows, read in one script (no update in between). */
  @SuppressWarnings("unchecked")
  private Map<String, Object> readStages() {
    return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
        "const rows = Array.from(document.querySelectorAll('#stages tbody tr')).map(tr => {"
            + "  const r = {};"
            + "  tr.querySelectorAll('td[data-field]').forEach(td => r[td.dataset.field] = td.textContent);"
            + "  return r; });"
            + "return {time: document.getElementById('snapshot-time').dataset.time, rows: rows,"
            + " deadLettered: document.getElementById('total-dead-lettered').textContent};");
  }

  @SuppressWarnings("unchecked")
  private List<String> strings(String script) {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(script);
  }
}
