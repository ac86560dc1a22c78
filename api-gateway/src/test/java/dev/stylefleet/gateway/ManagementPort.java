package dev.stylefleet.gateway;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** The management interface (health, metrics) of the gateway under test, on its own port. */
public final class ManagementPort {
    private ManagementPort() {}

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    public static RequestSpecification given() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port());
    }
}
