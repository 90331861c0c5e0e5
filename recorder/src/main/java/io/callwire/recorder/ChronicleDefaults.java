package io.callwire.recorder;

/**
 * Settings that must be in place before any Chronicle class initializes: usage analytics and the start-up
 * announcement are off unless the host explicitly set these properties itself.
 */
final class ChronicleDefaults {
    /** Chronicle's switch for its usage analytics (which would otherwise phone home). */
    static final String ANALYTICS_DISABLE = "chronicle.analytics.disable";
    /** Chronicle's switch for the banner it logs when it loads. */
    static final String ANNOUNCER_DISABLE = "chronicle.announcer.disable";

    static {
        setIfAbsent(ANALYTICS_DISABLE, "true");
        setIfAbsent(ANNOUNCER_DISABLE, "true");
    }

    private ChronicleDefaults() {
    }

    /** Triggers the static initializer; call before touching any Chronicle type. */
    static void apply() {
        // the work happens once, in the static initializer
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
