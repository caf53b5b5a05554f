package nnlab.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aparapi.device.Device;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How the backend is chosen, and that the process-wide choice is what this environment promises. */
class BackendChoiceTests {

    @Nested
    class Requests {

        @Test
        void javaIsAlwaysGrantedAndSaysItWasRequested() {
            Backends.Choice choice = Backends.choose("java");
            assertSame(JavaBackend.INSTANCE, choice.backend());
            assertTrue(choice.reason().contains("requested"), choice.reason());
        }

        @Test
        void anUnknownNameYieldsNoBackendAndListsTheValidOnes() {
            Backends.Choice choice = Backends.choose("cuda");
            assertNull(choice.backend());
            assertTrue(choice.reason().contains("auto, gpu, opencl-cpu, java"), choice.reason());
        }

        @Test
        void autoPicksAnOpenClDeviceWheneverOneIsUsable() {
            Backends.Choice choice = Backends.choose("auto");
            assertNotNull(choice.backend(), choice.reason());
            if (OpenClForTests.required()) {
                assertTrue(choice.backend() instanceof AparapiBackend,
                        "OpenCL is required here but auto chose " + choice.backend().name() + ": " + choice.reason());
            }
        }

        @Test
        void anExplicitOpenClRequestIsGrantedWithThatKindOfDeviceOrRefused() {
            Backends.Choice choice = Backends.choose("opencl-cpu");
            if (choice.backend() == null) {
                assertTrue(choice.reason().contains("auto or java"), choice.reason());
                assumeTrue(!OpenClForTests.required(), "OpenCL is required here: " + choice.reason());
            } else {
                AparapiBackend backend = (AparapiBackend) choice.backend();
                assertEquals(Device.TYPE.CPU, backend.device().getType());
                assertEquals("opencl-cpu", backend.name());
            }
        }
    }

    @Nested
    class ThisProcess {

        @Test
        void theChoiceIsMadeOnceAndKept() {
            assertSame(Backends.choice(), Backends.choice());
            assertSame(Backends.current(), Backends.current());
        }

        @Test
        void runsOnOpenClWhereTheEnvironmentRequiresIt() {
            assumeTrue(OpenClForTests.required(), OpenClForTests.REQUIRE + " is not set");
            assumeTrue(System.getProperty(Backends.PROPERTY) == null && System.getenv(Backends.ENVIRONMENT) == null,
                    "a backend was requested explicitly");
            assertTrue(Backends.current() instanceof AparapiBackend, Backends.choice().reason());
        }
    }
}
