package org.forewarn.adapters.web.console;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.forewarn.adapters.web.CaseController.CaseNotFound;
import org.forewarn.adapters.web.InvalidFields;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.InvalidValueException;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs one console command and turns its result into the message the next page shows: the
 * success sentence, or why it was refused (each bad field, or the rule that said no). A refused
 * command never becomes an error page; a case that does not exist does ({@link CaseNotFound}).
 */
final class ConsoleActions {

    static final String DONE = "done";
    static final String REFUSED = "refused";

    private final MessageSource messages;

    ConsoleActions(MessageSource messages) {
        this.messages = messages;
    }

    /** Runs {@code command}; on success flashes {@code doneKey} with the command's answer as {@code {0}}. */
    void run(RedirectAttributes flash, Locale locale, String doneKey, Supplier<Object> command) {
        try {
            Object answer = command.get();
            flash.addFlashAttribute(DONE, messages.getMessage(doneKey, new Object[] {answer}, locale));
        } catch (InvalidFields e) {
            flash.addFlashAttribute(REFUSED, refused(locale, e.errors().stream()
                    .map(f -> field(f.field(), locale) + ": " + f.message()).toList()));
        } catch (InvalidValueException e) {
            flash.addFlashAttribute(REFUSED, refused(locale, List.of(field(e.field(), locale) + ": " + e.reason())));
        } catch (DomainRuleViolation e) {
            flash.addFlashAttribute(REFUSED, messages.getMessage("refused.rule", new Object[] {e.getMessage()}, locale));
        }
    }

    private String refused(Locale locale, List<String> problems) {
        return messages.getMessage("refused.fields", new Object[] {problems.stream().collect(Collectors.joining("; "))},
                locale);
    }

    private String field(String name, Locale locale) {
        return messages.getMessage("field." + name, null, name, locale);
    }
}
