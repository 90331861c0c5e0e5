package io.callwire.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callwire.examples.web.WebConfig;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The wallboard of the demo contact center on a busy, under-staffed day in headless Chromium: the simulator
 * runs 30 times faster than real time with more calls than its nine automatic agents can take, so the
 * service level falls below target, the alert shows and the chart fills. Saves docs/images/wallboard.png.
 */
class WallboardBrowserTest {

    @Test
    void theWallboardAlertsWhenTheServiceLevelFallsBelowTarget() throws Exception {
        if (!Files.isExecutable(AgentAppBrowserTest.CHROMEDRIVER) || !Files.isExecutable(AgentAppBrowserTest.CHROMIUM)) {
            fail("The browser tests need Chromium and its driver at " + AgentAppBrowserTest.CHROMIUM + " and "
                    + AgentAppBrowserTest.CHROMEDRIVER + ": apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        String busyDay = DemoContactCenter.switchUri(14).replace("sim:?", "sim:?speed=40&seed=3&");
        AppSettings demo = TestApps.settings(busyDay);
        AppSettings settings = new AppSettings(busyDay, new WebConfig("127.0.0.1", 0), demo.jdbcUrl(), "sa", "",
                demo.users(), DemoContactCenter.queues(), DemoContactCenter.agents(), true, Duration.ofMinutes(5));
        ObjectMapper json = new ObjectMapper();
        try (AgentApp app = AgentApp.start(settings)) {
            WebDriver browser = AgentAppBrowserTest.browser();
            try {
                String base = "http://127.0.0.1:" + app.port();
                AgentAppBrowserTest.logIn(browser, base, "supervisor");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts"), "below the target"));
                await().atMost(Duration.ofSeconds(90)).until(() -> json.readTree(app.hub().board()).get("history").size() >= 40);
                JsonNode board = json.readTree(app.hub().board());
                assertTrue(board.get("queues").findValues("belowTarget").stream().anyMatch(JsonNode::asBoolean), board.toString());
                wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#agents tbody tr"), 11));
                AgentAppBrowserTest.screenshot(browser, "wallboard.png");
            } finally {
                browser.quit();
            }
        }
    }
}
