package org.forewarn.adapters.web.console;

import org.forewarn.adapters.web.CaseController.CaseNotFound;
import org.forewarn.adapters.web.SuspectController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Failures of a console page are answered with a console page in the user's language, never
 * with the API's problem documents nor a stack trace; it runs before the API's advice.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler({CaseNotFound.class, NoResourceFoundException.class, SuspectController.NotFound.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("problem", "error.notFound");
        return "console/error";
    }

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String fault(Exception e, Model model) {
        LOG.error("unexpected failure of a console page", e);
        model.addAttribute("problem", "error.fault");
        return "console/error";
    }
}
