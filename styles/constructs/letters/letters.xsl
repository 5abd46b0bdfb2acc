<?xml version="1.0" encoding="UTF-8"?>
<!-- Letters and their parts: opener, closer, postscript, epigraph, argument (salute, dateline, signed are set by structure). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:epigraph | tei:argument">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y'">
        <div class="{local-name()}"><xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ correspondence ============ -->
  <!-- A letter's correspDesc, above the letter: one line per action, "Sender: Hermann
       Poelchau, Bonn, 19 November 1838", "Addressee: Alfred Escher, Berlin". Persons typed
       as addressee inside a "sent" action (as some editions encode them) go to their own
       line. -->
  <xsl:template name="correspondence">
    <xsl:param name="header"/>
    <xsl:variable name="desc" select="$header/tei:profileDesc/tei:correspDesc[tei:correspAction]"/>
    <xsl:if test="$desc">
      <dl class="correspDesc editorial">
        <xsl:for-each select="$desc[1]/tei:correspAction">
          <!-- (a name may also be an rs: <rs type="person" ref="bio.xml#pers141">Isaac Israëls</rs>) -->
          <xsl:variable name="names" select="tei:persName | tei:orgName | tei:name | tei:rs[not(@type = 'place')]"/>
          <xsl:variable name="others" select="$names[@type = 'addressee' or @type = 'recipient']"/>
          <xsl:variable name="own" select="$names[count(. | $others) != count($others)]"/>
          <!-- (names and places without words, known only by an identifier of another
               project's register, ref="p495", leave no empty line and no stray comma) -->
          <xsl:variable name="own-text"><xsl:call-template name="corresp-parts"><xsl:with-param name="names" select="$own"/></xsl:call-template></xsl:variable>
          <xsl:variable name="others-text"><xsl:call-template name="corresp-parts"><xsl:with-param name="names" select="$others"/><xsl:with-param name="where" select="false()"/></xsl:call-template></xsl:variable>
          <xsl:if test="normalize-space($own-text) != ''">
            <dt>
              <xsl:choose>
                <xsl:when test="@type = 'sent'"><xsl:value-of select="$L[@k = 'sender']"/></xsl:when>
                <xsl:when test="@type = 'received'"><xsl:value-of select="$L[@k = 'addressee']"/></xsl:when>
                <xsl:when test="@type = 'transmitted' or @type = 'forwarded' or @type = 'redirected'"><xsl:value-of select="$L[@k = 'forwarded']"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="normalize-space(@type)"/></xsl:otherwise>
              </xsl:choose>
            </dt>
            <dd><xsl:copy-of select="$own-text"/></dd>
          </xsl:if>
          <xsl:if test="normalize-space($others-text) != ''">
            <dt><xsl:value-of select="$L[@k = 'addressee']"/></dt>
            <dd><xsl:copy-of select="$others-text"/></dd>
          </xsl:if>
        </xsl:for-each>
      </dl>
    </xsl:if>
    <xsl:call-template name="corresp-context"><xsl:with-param name="header" select="$header"/></xsl:call-template>
  </xsl:template>

  <!-- The letters before and after this one (correspContext/ref[@type = previous | prev |
       next]). A target is followed when it can be: a web address as it is, another TEI
       file of the corpus ("B0175.xml") as that edition's page beside this one, an id of
       this file as a fragment. A bare identifier of another project's scheme leads
       nowhere here: it is shown as text, so the reader still learns which letter it is. -->
  <xsl:template name="corresp-context">
    <xsl:param name="header"/>
    <xsl:variable name="refs" select="$header/tei:profileDesc/tei:correspDesc/tei:correspContext/tei:ref[@type = 'previous' or @type = 'prev' or @type = 'next']"/>
    <xsl:if test="$refs">
      <nav class="corresp-context editorial" aria-label="{$L[@k = 'correspondence']}">
        <ul>
          <xsl:for-each select="$refs">
            <xsl:variable name="next" select="@type = 'next'"/>
            <xsl:variable name="target" select="normalize-space(substring-before(concat(normalize-space(@target), ' '), ' '))"/>
            <xsl:variable name="file" select="substring-before(concat($target, '#'), '#')"/>
            <xsl:variable name="href">
              <xsl:choose>
                <xsl:when test="starts-with($target, 'https://') or starts-with($target, 'http://')"><xsl:value-of select="$target"/></xsl:when>
                <xsl:when test="starts-with($target, '#')"><xsl:value-of select="$target"/></xsl:when>
                <xsl:when test="substring($file, string-length($file) - 3) = '.xml' and not(contains($file, '/')) and not(contains($file, ':')) and not(starts-with($file, '.'))">
                  <xsl:value-of select="concat('../', substring($file, 1, string-length($file) - 4), '/index.html')"/>
                </xsl:when>
              </xsl:choose>
            </xsl:variable>
            <xsl:variable name="words"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:variable>
            <xsl:variable name="what">
              <xsl:choose>
                <xsl:when test="normalize-space($words) != ''"><xsl:value-of select="normalize-space($words)"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$target"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <li class="{substring('previousnext', 1 + 8 * number($next), 8 - 4 * number($next))}">
              <xsl:variable name="label" select="$L[@k = substring('previous-letternext-letter', 1 + 15 * number($next), 15 - 4 * number($next))]"/>
              <xsl:choose>
                <xsl:when test="$href != ''">
                  <a href="{$href}" rel="{substring('prevnext', 1 + 4 * number($next), 4)}"><xsl:value-of select="$label"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="$what != '' and $what != $target or $href = ''">
                <xsl:text>: </xsl:text><span class="corresp-what"><xsl:value-of select="$what"/></span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="corresp-parts">
    <xsl:param name="names"/>
    <xsl:param name="where" select="true()"/>
    <xsl:variable name="names-rtf">
      <xsl:for-each select="$names"><part><xsl:call-template name="name-of"/></part></xsl:for-each>
    </xsl:variable>
    <xsl:variable name="named" select="exsl:node-set($names-rtf)/part[normalize-space(.) != '']"/>
    <xsl:for-each select="$named">
      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
    <xsl:if test="$where">
      <!-- each place and date as a reader reads it; one without words or a value it can
           show leaves no empty slot between commas -->
      <xsl:variable name="parts-rtf">
        <xsl:for-each select="tei:placeName | tei:date">
          <xsl:variable name="t"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:variable>
          <part>
            <xsl:choose>
              <xsl:when test="$t != ''"><xsl:value-of select="$t"/></xsl:when>
              <xsl:when test="self::tei:placeName"><xsl:call-template name="name-of"/></xsl:when>
              <xsl:otherwise><xsl:call-template name="date-of-attributes"/></xsl:otherwise>
            </xsl:choose>
          </part>
        </xsl:for-each>
      </xsl:variable>
      <xsl:for-each select="exsl:node-set($parts-rtf)/part[normalize-space(.) != '']">
        <xsl:if test="$named or position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
