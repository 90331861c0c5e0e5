package io.callwire.examples.app;

import io.callwire.core.command.HangUp;
import io.callwire.core.command.MakeCall;
import io.callwire.examples.crm.Category;
import io.callwire.examples.crm.Priority;
import io.callwire.examples.crm.WorkOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The agent desktop and the wallboard in a real headless Chromium (Debian packages chromium and
 * chromium-driver, which .ci/run installs): an agent logs in, goes ready, gets a call with a screen pop,
 * answers, transfers and files a work order; the supervisor's wallboard follows; the agent cannot reach the
 * supervisor's functions. Screenshots go to docs/images/.
 */
class AgentAppBrowserTest {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Where screenshots go: target/screenshots, or docs/images when run with -Dscreenshots=docs (how the
     * README's pictures are refreshed), so a test run does not change tracked files.
     */
    static final Path IMAGES = "docs".equals(System.getProperty("screenshots"))
            ? Path.of("..", "docs", "images") : Path.of("target", "screenshots");

    private static AgentApp app;
    private static WebDriver agent;
    private static WebDriver supervisor;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            fail("The browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        app = AgentApp.start(TestApps.settings(TestApps.SWITCH));
        base = "http://127.0.0.1:" + app.port();
        agent = browser();
        supervisor = browser();
    }

    static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1100", "--disable-extensions", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return driver;
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.quit();
        }
        if (supervisor != null) {
            supervisor.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    static void logIn(WebDriver browser, String base, String user) {
        browser.get(base + "/");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("callwire");
        browser.findElement(By.id("login-button")).click();
    }

    private static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, WAIT);
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Clicks an element of a part of the page that is redrawn after events, finding it afresh if it was replaced. */
    private static void click(WebDriver browser, By locator) {
        waiting(browser).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = d.findElement(locator);
            if (!element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(IMAGES);
        Files.copy(shot.toPath(), IMAGES.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anAgentTakesATransfersItAndFilesAWorkOrderWhileTheWallboardFollows() throws Exception {
        logIn(supervisor, base, "supervisor");
        waiting(supervisor).until(ExpectedConditions.urlToBe(base + "/wallboard"));
        // the board is redrawn every second: look the cell up afresh each time
        waiting(supervisor).until(ExpectedConditions.textToBe(By.cssSelector("#queues tr[data-queue='support'] .answered"), "0"));

        logIn(agent, base, "agent-01");
        waiting(agent).until(ExpectedConditions.urlToBe(base + "/agent"));
        waiting(agent).until(ExpectedConditions.textToBe(By.id("agent-state"), "NOT_READY"));
        waiting(agent).until(ExpectedConditions.textToBe(By.id("link"), "online"));
        agent.findElement(By.id("btn-ready")).click();
        waiting(agent).until(ExpectedConditions.textToBe(By.id("agent-state"), "READY"));

        String callId = app.engine().execute(new MakeCall("", DemoContactCenter.KNOWN_CALLER, "support",
                Map.of("ivr.choice", "3"))).toCompletableFuture().get(10, TimeUnit.SECONDS).callId();

        // screen pop while it rings: the CRM's customer, the IVR choice, the open work orders
        waiting(agent).until(ExpectedConditions.textToBe(By.id("pop-customer-name"), "Anna Schmidt"));
        assertEquals(DemoContactCenter.KNOWN_CALLER, text(agent, "pop-ani"));
        assertTrue(text(agent, "pop-ivr").contains("option 3 (complaint)"), text(agent, "pop-ivr"));
        assertTrue(text(agent, "pop-orders").contains("complaint"), text(agent, "pop-orders"));
        By card = By.cssSelector(".call[data-call-id='" + callId + "']");
        waiting(agent).until(ExpectedConditions.textToBePresentInElementLocated(card, "ALERTING"));

        click(agent, By.cssSelector(".call[data-call-id='" + callId + "'] .btn-answer"));
        waiting(agent).until(ExpectedConditions.textToBe(By.cssSelector(".call[data-call-id='" + callId + "'] .call-state"), "CONNECTED"));
        waiting(agent).until(ExpectedConditions.textToBe(By.id("agent-state"), "BUSY"));
        screenshot(agent, "agent-desktop.png");

        // blind transfer to the sales queue: the ACD gives the caller to agent-02
        agent.findElement(By.id("transfer-dest")).sendKeys("sales");
        click(agent, By.cssSelector(".call[data-call-id='" + callId + "'] .btn-transfer"));
        waiting(agent).until(ExpectedConditions.invisibilityOfElementLocated(card));

        // wrap-up: the disposition form files the work order
        waiting(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("wrapup")));
        new Select(agent.findElement(By.id("wrapup-call"))).selectByValue(callId);
        new Select(agent.findElement(By.id("wrapup-category"))).selectByValue("complaint");
        new Select(agent.findElement(By.id("wrapup-priority"))).selectByValue("high");
        agent.findElement(By.id("wrapup-notes")).sendKeys("Charged twice for October; refund promised");
        agent.findElement(By.id("wrapup-submit")).click();
        waiting(agent).until(ExpectedConditions.textToBePresentInElementLocated(By.id("wrapup-result"), "Work order #"));
        WorkOrder order = app.crm().orderOfCall(callId).orElseThrow();
        assertEquals(Category.COMPLAINT, order.category());
        assertEquals(Priority.HIGH, order.priority());
        assertEquals("agent-01", order.agentId());
        assertEquals("Charged twice for October; refund promised", order.notes());
        waiting(agent).until(ExpectedConditions.textToBe(By.id("agent-state"), "READY"));

        // the wallboard saw the support call answered and the sales call the transfer made
        waiting(supervisor).until(ExpectedConditions.textToBe(By.cssSelector("#queues tr[data-queue='support'] .answered"), "1"));
        waiting(supervisor).until(ExpectedConditions.textToBe(By.cssSelector("#queues tr[data-queue='sales'] .answered"), "1"));
        waiting(supervisor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#agents tr[data-agent='agent-01']")));
        waiting(supervisor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#workorders tr[data-order='" + order.id() + "']")));

        // the caller hangs up on agent-02; the call appears in agent-01's history with its work order
        app.engine().execute(new HangUp(callId, "")).exceptionally(ended -> null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> app.crm().callsOf("agent-01", 5).stream().anyMatch(c -> c.callId().equals(callId)));
        agent.navigate().refresh();
        waiting(agent).until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "#" + order.id() + " complaint"));
    }

    @Test
    void anAgentCannotReachSupervisorFunctions() {
        WebDriver browser = browser();
        try {
            logIn(browser, base, "agent-01");
            waiting(browser).until(ExpectedConditions.urlToBe(base + "/agent"));
            browser.get(base + "/wallboard");
            waiting(browser).until(ExpectedConditions.textToBe(By.id("forbidden"), "Not allowed"));
            browser.get(base + "/agent");
            waiting(browser).until(ExpectedConditions.textToBe(By.id("link"), "online"));
            Object statuses = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "(async () => {"
                            + "const me = await (await fetch('/api/me')).json();"
                            + "const h = {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf};"
                            + "const a = await fetch('/api/supervisor/wallboard');"
                            + "const b = await fetch('/api/supervisor/monitor', {method: 'POST', headers: h, body: JSON.stringify({callId: 'x', mode: 'listen'})});"
                            + "const c = await fetch('/api/supervisor/agent-state', {method: 'POST', headers: h, body: JSON.stringify({agentId: 'agent-02', state: 'not-ready'})});"
                            + "const d = await fetch('/api/agent/state', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({state: 'ready'})});"
                            + "done([a.status, b.status, c.status, (await a.json()).error.code, d.status, (await d.json()).error.code].join(','));"
                            + "})().catch(e => done('failed: ' + e));");
            assertEquals("403,403,403,forbidden,403,bad_csrf_token", statuses);
        } finally {
            browser.quit();
        }
    }
}
