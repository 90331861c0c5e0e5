package io.callwire.examples.app;

import io.callwire.examples.crm.Category;
import io.callwire.examples.crm.CrmStore;
import io.callwire.examples.crm.Priority;
import io.callwire.examples.crm.WorkOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * A follow-up call at the agent desktop in headless Chromium: the offer panel shows the customer and the work
 * order of a due follow-up; the agent accepts and the call to the customer appears among the agent's calls.
 */
class FollowUpBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CUSTOMER = "+4930123451";

    private AgentApp app;
    private WebDriver agent;

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(AgentAppBrowserTest.CHROMEDRIVER) || !Files.isExecutable(AgentAppBrowserTest.CHROMIUM)) {
            fail("The browser tests need Chromium and its driver at " + AgentAppBrowserTest.CHROMIUM + " and "
                    + AgentAppBrowserTest.CHROMEDRIVER + ": apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        app = AgentApp.start(TestApps.settings(TestApps.SWITCH));
        agent = AgentAppBrowserTest.browser();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theAgentAcceptsAFollowUpOfferAndCallsTheCustomer() {
        String base = "http://127.0.0.1:" + app.port();
        AgentAppBrowserTest.logIn(agent, base, "agent-01");
        WebDriverWait waiting = new WebDriverWait(agent, WAIT);
        waiting.until(ExpectedConditions.urlToBe(base + "/agent"));
        waiting.until(ExpectedConditions.textToBe(By.id("link"), "online"));
        agent.findElement(By.id("btn-ready")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("agent-state"), "READY"));

        await().atMost(WAIT).until(() -> app.crmHook().now() > 0);
        long now = app.crmHook().now();
        CrmStore crm = app.crm();
        crm.addCustomer(CUSTOMER, "Erika Muster", "Ringstr. 3, 10115 Berlin", "gold", now);
        WorkOrder order = crm.saveOrderForCall("old-call-2", CUSTOMER, Category.COMPLAINT, Priority.HIGH,
                "Invoice charged twice", "agent-02", now - Duration.ofDays(5).toMillis());
        crm.close(order.id(), now - CrmStore.FOLLOW_UP_DELAY_MILLIS - 1_000);

        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("offer")));
        waiting.until(ExpectedConditions.textToBe(By.id("offer-customer"), "Erika Muster"));
        waiting.until(ExpectedConditions.textToBe(By.id("offer-phone"), CUSTOMER));
        assertTrue(agent.findElement(By.id("offer-order")).getText().contains("#" + order.id() + " complaint"),
                agent.findElement(By.id("offer-order")).getText());
        agent.findElement(By.id("btn-accept-offer")).click();

        // the call from the agent's station to the customer shows among the calls; the offer panel goes away
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("calls"), CUSTOMER));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#calls .call-state"), "CONNECTED"));
        waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("offer")));
        waiting.until(ExpectedConditions.textToBe(By.id("pop-customer-name"), "Erika Muster"));
        await().atMost(WAIT).until(() -> crm.followUps(1).get(0).status().equals("ASSIGNED"));
    }
}
